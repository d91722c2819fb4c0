"""The low-vision mode: plain links without JavaScript, and pages that stay cacheable."""

import pytest

from news.tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_the_switch_stores_the_choice_and_goes_back(client, home):
    response = client.get("/vision/", {"size": "2", "next": "/ru/"})
    assert response.status_code == 303
    assert response["Location"] == "/ru/"
    assert response.cookies["vision"].value == "size:2"
    assert "no-store" in response["Cache-Control"]
    response = client.get("/vision/", {"contrast": "wb", "next": "/ru/novosti/"})
    assert response.cookies["vision"].value == "size:2|contrast:wb"
    response = client.get("/vision/", {"size": "", "next": "/ru/"})
    assert response.cookies["vision"].value == "contrast:wb"
    response = client.get("/vision/", {"reset": "1", "next": "/ru/"})
    assert response.cookies["vision"].value == ""  # deleted


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_switch_never_leaves_the_site(client, target):
    assert client.get("/vision/", {"size": "1", "next": target})["Location"] == "/"


def test_unknown_values_are_ignored(client):
    response = client.get("/vision/", {"size": "99", "contrast": "<x>", "next": "/en/"})
    assert "vision" not in response.cookies or response.cookies["vision"].value == ""


def test_stylesheet_from_the_cookie_is_private_and_from_the_url_is_public(client):
    client.cookies["vision"] = "size:3|contrast:bw|spacing:wide|images:off"
    private = client.get("/vision.css")
    css = private.content.decode()
    assert private["Content-Type"].startswith("text/css")
    assert "--text-zoom: 2" in css and "--ink: #000" in css and "--letter-spacing" in css
    assert "display: none" in css
    assert "private" in private["Cache-Control"] and "Cookie" in private["Vary"]
    public = client.get("/vision.css", {"c": "contrast:bc"})
    assert "#063462" in public.content.decode() and "--text-zoom" not in public.content.decode()
    assert "public" in public["Cache-Control"] and "Cookie" not in public.get("Vary", "")


def test_pages_are_the_same_bytes_whatever_the_choice(client, make_release):
    release = make_release()
    for url in ("/ru/", "/ru/novosti/", f"/ru/novosti/{release.slug_ru}/"):
        client.cookies.clear()
        plain = client.get(url)
        client.cookies["vision"] = "size:2|contrast:wb"
        chosen = client.get(url)
        assert plain.content == chosen.content, url
        assert not chosen.cookies, url
        assert "Cookie" not in chosen.get("Vary", ""), url


def test_every_page_has_the_switch_as_plain_links(client, home):
    page = soup(client.get("/kk/"))
    links = page.select("details.vision a[href^='/vision/']")
    assert len(links) >= 12
    assert all("next=%2Fkk%2F" in link["href"] for link in links)
    assert page.select_one('noscript link[href="/vision.css"]') is not None or "vision.css" in str(
        page.select_one("noscript")
    )
