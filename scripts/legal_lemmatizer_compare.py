# ruff: noqa: T201 -- a command-line development aid: it prints its report.
"""Compare lemmatizers/stemmers on the inflected forms of the legal check's terms.

    python scripts/legal_lemmatizer_compare.py

For each pair (inflected form as notices write it, the form the term lists name),
a tool "recalls" the pair when it maps both to the same key (lemma or stem). Tools:
simplemma and snowballstemmer (PyPI), and Voikko when libvoikko and its Finnish
dictionary are installed (Debian ``libvoikko1`` + ``voikko-fi``, PyPI
``libvoikko``). Speed is the time to process the words of the pairs 200 times
without a cache.
"""

from __future__ import annotations

import time

FI = """suostumuksen suostumus; suostumukseesi suostumus; suostumuksella suostumus;
oikeutetun oikeutettu; oikeutettuun oikeutettu; edun etu; etuun etu; etujemme etu;
sopimuksen sopimus; sopimukseen sopimus; sopimuksesta sopimus; säilytetään säilyttää;
säilytämme säilyttää; säilytysajat säilytysaika; valituksen valitus; valvontaviranomaiselle valvontaviranomainen;
tietosuojavaltuutetulle tietosuojavaltuutettu; tarkastaa tarkastaa; tarkastamaan tarkastaa;
oikaisemista oikaista; oikaisua oikaisu; poistamista poistaa; poistetaan poistaa; rajoittamista rajoittaa;
vastustaa vastustaa; vastustamista vastustaa; peruuttaa peruuttaa; peruuttamalla peruuttaa;
päätöksiä päätös; automaattisia automaattinen; profiloi profiloida; profilointia profilointi;
terveystietoja terveystieto; terveydentilaa terveydentila; luovutetaan luovuttaa; luovuteta luovuttaa;
vastaanottajille vastaanottaja; siirretään siirtää; siirrä siirtää; tietosuojavastaavan tietosuojavastaava;
tietosuojavastaavaa tietosuojavastaava; lakisääteisen lakisääteinen; velvoitteen velvoite;
kirjanpitolain kirjanpitolaki; vuotta vuosi; vuoden vuosi; kuukauden kuukausi; päättymisestä päättyminen;
tarkoituksiin tarkoitus; tarkoitukseen tarkoitus; vakiosopimuslausekkeisiin vakiosopimuslauseke;
riittävyyspäätöksen riittävyyspäätös; kumppaneille kumppani; viranomaisille viranomainen;
väestörekisteristä väestörekisteri; lähteistä lähde; yhteistyökumppaneilta yhteistyökumppani;
suoramarkkinointiin suoramarkkinointi; markkinointiin markkinointi; uutiskirjeen uutiskirje"""

SV = """samtycket samtycke; samtycken samtycke; berättigade berättigad; intressen intresse; intresset intresse;
avtalet avtal; avtalets avtal; lagras lagra; sparas spara; sparar spara; klagomålet klagomål;
tillsynsmyndigheten tillsynsmyndighet; rättelse rättelse; rättas rätta; raderade radera; raderas radera;
begränsning begränsning; begränsa begränsa; invända invända; invänder invända; återkallar återkalla;
återkallas återkalla; överförs överföra; överförts överföra; mottagarna mottagare; mottagare mottagare;
lämnas lämna; lämnar lämna; dataskyddsombudet dataskyddsombud; automatiserade automatiserad;
besluten beslut; profileringen profilering; hälsotillståndet hälsotillstånd; uppgifterna uppgift;
personuppgifterna personuppgift; ändamålen ändamål; källorna källa; myndigheterna myndighet;
standardavtalsklausulerna standardavtalsklausul; förpliktelsen förpliktelse; år år; månader månad;
medlemskapet medlemskap; kundförhållandet kundförhållande; nyhetsbrevet nyhetsbrev"""


def pairs(text: str) -> list[tuple[str, str]]:
    out = []
    for chunk in text.replace("\n", " ").split(";"):
        words = chunk.split()
        if len(words) == 2:
            out.append((words[0], words[1]))
    return out


def tools(language: str):
    import simplemma
    import snowballstemmer

    found = {
        "simplemma": lambda w: simplemma.lemmatize(w, lang=language).lower(),
        "snowball": snowballstemmer.stemmer(
            {"fi": "finnish", "sv": "swedish"}[language]
        ).stemWord,
    }
    if language == "fi":
        try:
            import libvoikko

            voikko = libvoikko.Voikko("fi")

            def voikko_key(word: str) -> str:
                bases = sorted({a.get("BASEFORM", word) for a in voikko.analyze(word)})
                return bases[0].lower() if bases else word

            found["voikko"] = voikko_key
        except Exception as error:  # not installed here: compare the others
            print(f"(voikko not available: {error})")
    return found


def main() -> int:
    for language, data in (("fi", FI), ("sv", SV)):
        items = pairs(data)
        print(f"{language}: {len(items)} pairs")
        for name, key in tools(language).items():
            misses = [(a, b, key(a), key(b)) for a, b in items if key(a) != key(b)]
            words = [w for pair in items for w in pair]
            start = time.perf_counter()
            for _ in range(200):
                for w in words:
                    key(w)
            per_1000 = (time.perf_counter() - start) / (200 * len(words)) * 1000 * 1000
            recall = 100 * (len(items) - len(misses)) / len(items)
            print(
                f"  {name:10} recall {recall:5.1f} %  {per_1000:6.2f} ms / 1000 words"
            )
            for a, b, ka, kb in misses:
                print(f"      {a} -> {ka}   {b} -> {kb}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
