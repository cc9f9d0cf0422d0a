def test_pages_are_dutch_even_when_the_browser_asks_for_english(client, personas):
    client.force_login(personas.user("carol"))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_the_switch_makes_english_stick(client, personas):
    client.force_login(personas.user("carol"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    assert client.cookies["django_language"]["max-age"] == 365 * 24 * 3600
