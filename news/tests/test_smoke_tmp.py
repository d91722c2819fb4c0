def test_smoke(client, make_release):
    r = make_release(languages=("ru",), title_ru="Только по-русски")
    print(r.url_path, r.url_path_ru, r.url_path_kk, r.slug_ru, r.slug_kk)
    resp = client.get("/ru/novosti/" + r.slug_ru + "/")
    print(resp.status_code)
    assert resp.status_code == 200
    resp = client.get("/kk/zhanalyqtar/" + r.slug_ru + "/")
    print(resp.status_code, resp.content.decode()[:3000])
    assert resp.status_code == 404
    for l in ("kk","ru","en"):
        resp = client.get(f"/{l}/")
        print(l, resp.status_code)
