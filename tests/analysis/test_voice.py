"""Whether a page speaks to its reader as a seller does (what gates the sentence heads)."""

from __future__ import annotations

from medguard.analysis.voice import is_press_release, sells_to_reader

_SHOP = ("T-Max: seven botanicals in one clean formula, third-party tested in an independent laboratory. Strength, "
         "drive and energy from the very first bottle, say thousands of men over forty. Users report more energy in"
         " week one and better workouts by the end of the month. Tongkat ali, ashwagandha, fenugreek, boron, zinc "
         "and vitamin D3 at full strength, with no fillers, binders or artificial colours. Three capsules a day "
         "with breakfast, taken consistently for ninety days. Made in a certified facility from plant extracts "
         "grown without pesticides. Free shipping on every order over forty dollars. One bottle $59, three bottles "
         "$118. Choose your bundle and start feeling like yourself again. Not sure which suits you? Send an email.")

_CLINIC = ("Prolotherapy for chronic low back pain. The injections contain a concentrated dextrose solution mixed "
           "with a local anaesthetic, placed where ligaments and tendons attach to bone. The solution causes a "
           "small, controlled irritation that signals the body to lay down new collagen. Our clinic has offered "
           "regenerative injections for fifteen years, guided by ultrasound for precision. We review your history "
           "and imaging and examine the spine and pelvis before any treatment. Most of our patients receive three "
           "to six sessions, spaced four to six weeks apart, and each visit takes about thirty minutes. Expect "
           "soreness at the injection sites for two or three days. Most insurance plans do not cover prolotherapy, "
           "so we offer transparent self-pay pricing and financing. New patients are seen within one week of their "
           "first call. Book a consultation online or call us today, and you can start next week.")

_LEAFLET = ("Sertraline is used to treat depression. Take it once a day. You may feel sick for the first weeks. If you "
            "feel worse, talk to your doctor. Do not stop taking it suddenly. Keep it out of the sight and reach of children. "
            "Tell your pharmacist about other medicines you take.")

_NEWS = ("A weight-loss drug cut the risk of kidney failure by a fifth in a trial of 3,500 adults, researchers reported on "
         "Monday. The drug costs about $1,000 a month in the United States. \"We were surprised by the size of the effect,\" "
         "said the study's lead author. Independent experts said the results need confirming in other groups.")


def test_a_shop_page_with_prices_sells_without_saying_we():
    assert sells_to_reader(_SHOP)


def test_a_clinic_that_speaks_in_we_more_than_you_and_asks_for_a_call_sells():
    assert sells_to_reader(_CLINIC)


def test_a_leaflet_and_a_news_story_with_a_price_do_not():
    assert not sells_to_reader(_LEAFLET)
    assert not sells_to_reader(_NEWS)


_INFLUENCER = ("Okay, real talk. Three months ago I was bloated, foggy and exhausted every single afternoon. My naturopath "
               "suggested a parasite cleanse and honestly I laughed. Then I tried it. Within a week my skin looked "
               "different and my energy came back. If you have been tired for years, this might be what your body is "
               "asking for. The kit I use is linked below. I take two capsules a night and I drink a lot of water.")


def test_an_influencers_first_person_blog_that_speaks_to_its_reader_sells():
    assert sells_to_reader(_INFLUENCER)
    assert not sells_to_reader(_INFLUENCER.replace("If you have been tired for years, this might be what your body is "
                                                   "asking for. ", ""))  # no longer speaks to its reader


_RELEASE = ("PRINCETON, N.J., May 4, 2026 /PRNewswire/ -- Orvana Pharmaceuticals, Inc. (Nasdaq: ORVN) today announced "
            "positive topline results from its Phase 3 trial of orvelis in adults with obesity. \"These results mark a "
            "turning point,\" said the company's chief executive. Forward-Looking Statements: this release contains "
            "forward-looking statements. Media contact: press@orvana.example")


def test_a_companys_press_release_is_one_and_a_news_story_about_it_is_not():
    assert is_press_release(_RELEASE)
    assert not is_press_release(_NEWS)
    story = ("Orvana Pharmaceuticals today announced trial results for its obesity pill, orvelis. Independent experts "
             "said the trial was short, and the company has not published its data.")
    assert not is_press_release(story)  # "today announced" alone: a story reporting an announcement


_THIRD_PERSON_SHOP = ("Little Grove Elderberry Syrup. Made from black elderberries, raw honey, ginger and cinnamon in small batches. "
                      "Little Grove supports the immune system through the winter months. 250 ml bottle, $24.99. Add to cart. "
                      "Free shipping on orders over $50. 30-day money-back guarantee.")


def test_a_shop_that_never_says_you_sells_by_its_basket_and_price():
    assert sells_to_reader(_THIRD_PERSON_SHOP)
    assert not sells_to_reader(_THIRD_PERSON_SHOP.replace("$24.99", "one bottle").replace("$50", "fifty dollars"))
