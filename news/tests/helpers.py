from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def main_text(response) -> str:
    return soup(response).find("main").get_text(" ", strip=True)


def alternates(response) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).select('head link[rel="alternate"][hreflang]')
    }


def switcher_links(response) -> dict[str, str]:
    return {
        a["data-language"]: a["href"]
        for a in soup(response).select(".language-switcher a[data-language]")
    }
