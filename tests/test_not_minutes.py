"""Documents that are not minutes, a notice or notes come out as "other", with nothing of a meeting
taken from them; every minutes PDF of the shared corpus keeps the type its gold file gives.

The non-minutes PDFs are written here (invented organisations, people and wording): invoices,
letters, an article, forms, slides, an annual report alone, contracts, statutes and others that
carry one cue of minutes each (a date, a signature, numbered sections, a board list, a time and a
place, a meeting named in the title) but not the evidence of a meeting's record.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from conftest import require_shared
from extractor import errors, extract
from extractor.fields.meeting import meeting_fields
from extractor.layout import find_layout
from extractor.page_cache import read_pages_cached
from extractor.pipeline import extract_pages
from extractor.read_pages import read_document
from extractor.segment import segment
from pdf_factory import write_pdf

# ---------------------------------------------------------------------------- the documents

INVOICE = [[
    [(20, "**FAKTURA")],
    [(20, "Ekbergs Måleri AB"), (120, "Fakturanummer: 20431")],
    [(20, "Fakturadatum: 2024-03-12"), (120, "Förfallodatum: 2024-04-11")],
    [(20, "Kundnummer: 5521"), (120, "Er referens: Jonas Lilja")],
    [],
    [(20, "Beskrivning"), (110, "Antal"), (150, "Belopp")],
    [(20, "Målning av trapphus, två plan"), (110, "1"), (150, "8 400 kr")],
    [(20, "Material"), (110, "1"), (150, "1 100 kr")],
    [(20, "Moms 25 %"), (150, "2 375 kr")],
    [(20, "**Att betala"), (150, "11 875 kr")],
    [],
    [(20, "Bankgiro 5512-0987. Ange fakturanumret vid betalning.")],
    [(20, "Datum"), (110, "Signatur")],
]]

# Work done at a stated time and place, with a label for each: a head of meeting fields alone.
SERVICE_INVOICE = [[
    [(20, "**Arbetsorder och faktura")],
    [(20, "Lindqvists Rör & Värme AB")],
    [(20, "Datum: 2024-05-02")],
    [(20, "Tid: 08.00–11.30")],
    [(20, "Plats: Björkstigen 14, Ekby")],
    [(20, "Beställare: Åsa Fredén")],
    [],
    [(20, "Utfört arbete: byte av blandare i kök och tätning av golvbrunn i badrum.")],
    [(20, "Arbetstid 3,5 timmar"), (150, "2 450 kr")],
    [(20, "Material"), (150, "1 890 kr")],
    [(20, "Summa att betala inklusive moms"), (150, "4 340 kr")],
    [],
    [(20, "Montör: Kalle Nyberg")],
]]

# A board writes to its members and signs as its chair: a signature alone.
ASSOCIATION_LETTER = [[
    [(20, "Bostadsrättsföreningen Lönngården")],
    [(20, "Ekby 2024-09-03")],
    [],
    [(20, "**Till alla medlemmar")],
    [],
    [(20, "Under vecka 39 byts ventilationsaggregaten i hus B och C. Montörerna behöver komma in i")],
    [(20, "varje lägenhet under en förmiddag. Ni som inte kan vara hemma lämnar nyckeln till vår")],
    [(20, "förvaltare senast fredag den 20 september. Vattnet stängs av mellan klockan 9 och 12.")],
    [(20, "Har ni frågor går det bra att ringa eller mejla oss i styrelsen.")],
    [],
    [(20, "Med vänliga hälsningar")],
    [(20, "För styrelsen")],
    [],
    [(20, "Gunilla Ahlström")],
    [(20, "Ordförande")],
]]

PERSONAL_LETTER = [[
    [(20, "Ekby den 14 februari 2024")],
    [],
    [(20, "Hej Petra!")],
    [],
    [(20, "Tack för senast, det var roligt att ses på stationen efter så många år. Jag har letat fram")],
    [(20, "fotografierna från lägret i Vindeln som jag lovade att skicka, de ligger i kuvertet.")],
    [(20, "Hör av dig om du kommer hit i vår, då kan vi ta en promenad runt sjön och äta middag.")],
    [],
    [(20, "Många hälsningar")],
    [(20, "Birgitta")],
]]

# A news article whose headline names a meeting: one cue, written about a meeting, not its record.
NEWS_ARTICLE = [[
    [(20, "**Stormöte om nya busslinjen samlade 200 personer")],
    [(20, "Publicerad 2024-10-08 kl. 06.15"), (120, "Av Henrik Malmgren")],
    [],
    [(20, "Skolans aula var fullsatt när kommunen bjöd in till samtal om den nya linjedragningen genom")],
    [(20, "Norrby. Många boende är oroliga för att hållplatsen vid vårdcentralen försvinner.")],
    [(20, "– Vi har inte fattat något beslut ännu, sade trafikplaneraren Oskar Wennberg inför publiken.")],
    [(20, "Frågan ska enligt planen avgöras av tekniska nämnden i december. Till dess tar kommunen emot")],
    [(20, "synpunkter via sin webbplats. En ny namninsamling har redan fått över 900 underskrifter.")],
    [(20, "Nästa informationskväll hålls i Norrby bibliotek den 4 november.")],
]]

# A form with fields for a date, a place and a signature, none filled in.
MEMBERSHIP_FORM = [[
    [(20, "**Ansökan om medlemskap")],
    [(20, "Ekby Ryttarsällskap")],
    [],
    [(20, "Namn:")],
    [(20, "Personnummer:")],
    [(20, "Adress:")],
    [(20, "Telefon:"), (110, "E-post:")],
    [(20, "Typ av medlemskap:"), (80, "[ ] Junior"), (110, "[ ] Senior"), (140, "[ ] Familj")],
    [],
    [(20, "Jag godkänner att föreningen behandlar mina personuppgifter enligt dataskyddsförordningen.")],
    [],
    [(20, "Ort och datum"), (110, "Underskrift")],
    [],
    [(20, "Namnförtydligande")],
    [],
    [(20, "Blanketten lämnas i stallets brevlåda eller skickas till kansliet.")],
]]

ANNUAL_REPORT = [[
    [(20, "**Årsredovisning för räkenskapsåret 2023")],
    [(20, "**Brf Kastanjen i Ekby")],
    [(20, "Org.nr 769612-4471")],
    [],
    [(20, "**Förvaltningsberättelse")],
    [(20, "Styrelsen för Brf Kastanjen får härmed avge årsredovisning för räkenskapsåret 2023.")],
    [(20, "Styrelsen har under året haft följande sammansättning:")],
    [(20, "Ordförande"), (70, "Karin Westling")],
    [(20, "Sekreterare"), (70, "Mats Hedberg")],
    [(20, "Kassör"), (70, "Lena Roos")],
    [(20, "Ledamot"), (70, "Ahmed Karimi")],
    [(20, "Ersättare:"), (70, "Nora Falk, Ivar Holm")],
    [(20, "Styrelsen har under året hållit elva protokollförda sammanträden. Ordinarie")],
    [(20, "föreningsstämma hölls den 10 maj 2023. Under året har taket på hus A lagts om.")],
    [],
    [(20, "**Resultaträkning"), (120, "2023"), (150, "2022")],
    [(20, "Årsavgifter och hyror"), (120, "2 114 300"), (150, "2 046 800")],
    [(20, "Driftskostnader"), (120, "-1 402 650"), (150, "-1 298 100")],
    [(20, "Årets resultat"), (120, "311 400"), (150, "402 200")],
], [
    [(20, "**Balansräkning"), (120, "2023-12-31"), (150, "2022-12-31")],
    [(20, "Byggnader och mark"), (120, "38 204 000"), (150, "38 770 000")],
    [(20, "Kassa och bank"), (120, "1 893 120"), (150, "1 502 460")],
    [],
    [(20, "Ekby den 12 mars 2024")],
    [],
    [(20, "Karin Westling"), (110, "Mats Hedberg")],
    [(20, "Ordförande"), (110, "Sekreterare")],
    [],
    [(20, "Lena Roos"), (110, "Ahmed Karimi")],
    [(20, "Kassör"), (110, "Ledamot")],
    [],
    [(20, "Min revisionsberättelse har lämnats den 20 mars 2024.")],
    [(20, "Elin Frost, auktoriserad revisor")],
]]

PRICE_LIST = [[
    [(20, "**Prislista 2025")],
    [(20, "Ekby Båtklubb")],
    [],
    [(20, "1."), (30, "Båtplats vid bryggan, per säsong"), (150, "1 800 kr")],
    [(20, "2."), (30, "Vinteruppläggning på land"), (150, "1 200 kr")],
    [(20, "3."), (30, "Sjösättning med kran"), (150, "450 kr")],
    [(20, "4."), (30, "Upptagning med kran"), (150, "450 kr")],
    [(20, "5."), (30, "Hyra av klubbstugan, per dygn"), (150, "900 kr")],
    [(20, "6."), (30, "Nyckelbricka"), (150, "150 kr")],
    [],
    [(20, "Priserna gäller från 1 januari 2025 och betalas till klubbens bankgiro.")],
]]

CV = [[
    [(20, "**Curriculum vitae")],
    [(20, "**Sofia Lindgren")],
    [(20, "Granvägen 8, 123 45 Ekby"), (120, "070-123 45 67")],
    [],
    [(20, "**Arbetslivserfarenhet")],
    [(20, "2020–2024"), (50, "Redovisningsekonom, Norrfjärdens Trä AB")],
    [(20, "2016–2020"), (50, "Ekonomiassistent, Ekby kommun")],
    [],
    [(20, "**Förtroendeuppdrag")],
    [(20, "2018–2022"), (50, "Sekreterare i styrelsen, Ekby Simsällskap")],
    [(20, "2015–2018"), (50, "Kassör, Föräldraföreningen vid Ängsskolan")],
    [],
    [(20, "**Utbildning")],
    [(20, "2012–2015"), (50, "Civilekonomprogrammet, Umeå universitet")],
    [],
    [(20, "**Språk")],
    [(20, "Svenska och engelska flytande, tyska grundläggande.")],
]]

MENU = [[
    [(20, "**Lunchmeny vecka 14")],
    [(20, "Restaurang Kvarnen"), (120, "Serveras 11.00–14.00")],
    [],
    [(20, "Måndag"), (50, "Köttbullar med potatismos och lingon"), (160, "115 kr")],
    [(20, "Tisdag"), (50, "Ugnsbakad lax med dillsås"), (160, "125 kr")],
    [(20, "Onsdag"), (50, "Pasta med svamp och parmesan"), (160, "110 kr")],
    [(20, "Torsdag"), (50, "Ärtsoppa och pannkakor med sylt"), (160, "105 kr")],
    [(20, "Fredag"), (50, "Schnitzel med rödvinssky"), (160, "125 kr")],
    [],
    [(20, "I priset ingår salladsbuffé, bröd, kaffe och kaka.")],
]]

# An agenda in English: the language check refuses it before any field is read.
ENGLISH_AGENDA = [[
    [(20, "**Agenda")],
    [(20, "Board meeting of the Riverside Chess Club")],
    [(20, "Date: 12 March 2024"), (120, "Time: 18:00")],
    [(20, "Place: The club room, Mill Street 3")],
    [],
    [(20, "1."), (30, "Opening of the meeting")],
    [(20, "2."), (30, "Approval of the agenda")],
    [(20, "3."), (30, "Minutes of the previous meeting")],
    [(20, "4."), (30, "Treasurer's report and the budget for the spring tournament")],
    [(20, "5."), (30, "Any other business")],
    [(20, "6."), (30, "Closing of the meeting")],
]]

PRESS_RELEASE = [[
    [(20, "**Pressmeddelande"), (120, "2024-04-10")],
    [(20, "**Ny förskola byggs i Ekby centrum")],
    [],
    [(20, "Kommunfullmäktige beslutade vid sitt sammanträde den 8 april att bygga en förskola med")],
    [(20, "åtta avdelningar i kvarteret Lärkan. Bygget beräknas vara klart hösten 2026.")],
    [(20, "– Vi behöver fler platser där familjerna bor, säger Karin Holmström, ordförande i")],
    [(20, "barn- och utbildningsnämnden. Den gamla förskolan vid Torget blir då fritidsgård.")],
    [],
    [(20, "För mer information kontakta:")],
    [(20, "Karin Holmström, ordförande, telefon 0123-456 78")],
    [(20, "Johan Ek, kommunikatör, telefon 0123-456 90")],
]]

# An authority's decision: a date, a decision, a reasoning and who decided, but no meeting.
DECISION_LETTER = [[
    [(20, "**BESLUT")],
    [(20, "Ekby kommun, Miljö- och byggförvaltningen")],
    [(20, "Datum: 2024-05-14"), (120, "Dnr MB 2024-1187")],
    [],
    [(20, "**Dispens från strandskyddet för en brygga på fastigheten Ekby Sjövik 2:14")],
    [],
    [(20, "**Beslut")],
    [(20, "Miljö- och byggförvaltningen ger dispens från strandskyddet för en brygga om 12 meter.")],
    [(20, "**Skäl för beslutet")],
    [(20, "Platsen är redan ianspråktagen av en äldre brygga och allmänhetens tillgång påverkas inte.")],
    [(20, "**Hur man överklagar")],
    [(20, "Beslutet kan överklagas till länsstyrelsen inom tre veckor från den dag du fick del av det.")],
    [],
    [(20, "Beslutet har fattats av miljöchef Anders Wikström efter föredragning av handläggare Lisa Norén.")],
]]

RENTAL_CONTRACT = [[
    [(20, "**Hyresavtal för bostadslägenhet")],
    [],
    [(20, "**§ 1 Parter")],
    [(20, "Hyresvärd: Fastighets AB Ekbacken. Hyresgäst: Nils Bergkvist.")],
    [(20, "**§ 2 Lägenhet")],
    [(20, "Lägenhet nr 1104 om tre rum och kök, Ekbacksvägen 11, våning 2.")],
    [(20, "**§ 3 Hyra")],
    [(20, "Hyran är 8 950 kr per månad och betalas i förskott senast den sista vardagen i månaden.")],
    [(20, "**§ 4 Hyrestid")],
    [(20, "Avtalet gäller från 2024-07-01 och löper tills vidare med tre månaders uppsägningstid.")],
    [(20, "**§ 5 Andrahandsuthyrning")],
    [(20, "Lägenheten får inte hyras ut i andra hand utan hyresvärdens skriftliga samtycke.")],
    [],
    [(20, "Detta avtal har upprättats i två exemplar, av vilka parterna tagit var sitt.")],
    [(20, "Ort och datum"), (110, "Ort och datum")],
    [(20, "Ekby 2024-06-03"), (110, "Ekby 2024-06-03")],
    [(20, "Hyresvärd"), (110, "Hyresgäst")],
    [(20, "Fastighets AB Ekbacken"), (110, "Nils Bergkvist")],
]]

# Statutes number their sections and list the items of an annual meeting, but record none.
STATUTES = [[
    [(20, "**Stadgar för Ekby Orienteringsklubb")],
    [(20, "Antagna 2019-03-20")],
    [],
    [(20, "**§ 1 Namn och ändamål")],
    [(20, "Föreningens namn är Ekby Orienteringsklubb. Föreningen ska främja orientering i Ekby.")],
    [(20, "**§ 2 Medlemskap")],
    [(20, "Den som vill verka för föreningens ändamål kan bli medlem efter ansökan till styrelsen.")],
    [(20, "**§ 3 Styrelse")],
    [(20, "Styrelsen består av ordförande, sekreterare, kassör och två ledamöter som väljs av årsmötet.")],
    [(20, "**§ 4 Årsmöte")],
    [(20, "Årsmötet hålls före mars månads utgång. Vid årsmötet ska följande ärenden behandlas:")],
    [(20, "val av ordförande och sekreterare för mötet, val av två justerare, styrelsens")],
    [(20, "verksamhetsberättelse, revisorernas berättelse och frågan om ansvarsfrihet.")],
    [(20, "**§ 5 Protokoll")],
    [(20, "Protokoll vid årsmötet justeras av ordföranden och de två justerarna.")],
    [(20, "**§ 6 Upplösning")],
    [(20, "Beslut om upplösning fattas av två på varandra följande årsmöten med två tredjedels majoritet.")],
]]

# A room booked for a meeting: a date, a time and a place, each labelled, and nothing of the meeting.
BOOKING_CONFIRMATION = [[
    [(20, "**Bokningsbekräftelse")],
    [(20, "Ekby Folkets Hus")],
    [],
    [(20, "Bokningsnummer: 88-2041")],
    [(20, "Lokal: Stora salen")],
    [(20, "Datum: 2024-06-02")],
    [(20, "Tid: 18.00–21.00")],
    [(20, "Antal personer: 60")],
    [(20, "Pris: 1 500 kr exklusive moms")],
    [],
    [(20, "Tack för din bokning! Du kan avboka den utan kostnad senast sju dagar före det bokade")],
    [(20, "datumet, annars debiteras halva priset. Nyckeln hämtas i receptionen samma dag mellan")],
    [(20, "klockan 9 och 16 och lämnas i nyckellådan vid entrén när ni har städat och låst.")],
    [(20, "Det finns kaffebryggare och porslin för 60 personer i köket, som ingår i hyran.")],
]]

NEWSLETTER = [[
    [(20, "**Medlemsblad nr 2, våren 2024")],
    [(20, "Ekby Hembygdsförening")],
    [],
    [(20, "Årsmötet hölls den 14 mars i bygdegården och samlade 41 medlemmar. Ny ordförande är")],
    [(20, "Tore Lund, som efterträder Margit Sundin efter nio år. Stort tack, Margit!")],
    [(20, "I maj öppnar vi kvarnen för besökare varje söndag. Vi behöver fler värdar, anmäl dig")],
    [(20, "till Tore. Hembygdsdagen firas den 8 juni med slåtter, kaffe och dragspelsmusik.")],
    [(20, "Nästa styrelsemöte är den 5 maj. Har du frågor till styrelsen, skriv till oss i god tid.")],
]]

SCHEDULE = [[
    [(20, "**Schema vecka 34, klass 7B")],
    [(20, "Ängsskolan")],
    [],
    [(20, "Måndag"), (50, "08.15–09.00 Matematik"), (110, "09.10–10.00 Svenska")],
    [(20, "Tisdag"), (50, "08.15–09.45 Idrott"), (110, "10.00–10.45 Engelska")],
    [(20, "Onsdag"), (50, "08.15–09.00 Biologi"), (110, "09.10–10.40 Slöjd")],
    [(20, "Torsdag"), (50, "08.15–09.00 Historia"), (110, "09.10–10.00 Matematik")],
    [(20, "Fredag"), (50, "08.15–09.00 Musik"), (110, "09.10–10.00 Mentorstid")],
    [],
    [(20, "Lunch serveras 11.20–12.00 i matsalen.")],
]]

# A job advert for a minute-taker: the title names the person who writes minutes, not minutes.
JOB_ADVERT = [[
    [(20, "**Ledigt uppdrag: protokollförare")],
    [(20, "Ekby Schackklubb")],
    [],
    [(20, "Vi söker en protokollförare till klubbens styrelse från hösten 2024. Styrelsen träffas en")],
    [(20, "gång i månaden, oftast en tisdagskväll. Du behöver kunna skriva kortfattat och tydligt.")],
    [(20, "Arvodet är 300 kr per möte. Skicka några rader om dig själv till ordföranden senast")],
    [(20, "den 15 augusti. Välkommen med din ansökan!")],
]]

RECEIPT = [[
    [(20, "**Kvitto")],
    [(20, "Ekby Loppis och Café")],
    [(20, "2024-02-11"), (120, "kl. 14:32")],
    [],
    [(20, "Kaffe och bulle"), (150, "45,00")],
    [(20, "Böcker, 4 st"), (150, "80,00")],
    [(20, "Lampa"), (150, "120,00")],
    [(20, "**Summa"), (150, "245,00 kr")],
    [(20, "Varav moms"), (150, "27,32 kr")],
    [],
    [(20, "Kassör: Lisa"), (120, "Kassa 2")],
    [(20, "Tack för ditt köp! Öppet lördag och söndag 11–16.")],
]]

RECIPE = [[
    [(20, "**Kanelbullar")],
    [(20, "Ungefär 40 bullar")],
    [],
    [(20, "1."), (30, "Smält 150 g smör och häll i 5 dl mjölk. Värm till fingervarmt.")],
    [(20, "2."), (30, "Smula ner 50 g jäst i en bunke och häll över degspadet.")],
    [(20, "3."), (30, "Tillsätt socker, salt, kardemumma och 13 dl vetemjöl. Arbeta degen smidig.")],
    [(20, "4."), (30, "Låt jäsa under bakduk i 30 minuter.")],
    [(20, "5."), (30, "Kavla ut, bred på fyllningen, rulla ihop och skär i bitar.")],
    [(20, "6."), (30, "Grädda mitt i ugnen i 225 grader i 8 minuter.")],
]]

# A course invitation with a time and a place but no meeting of any body.
COURSE_INVITATION = [[
    [(20, "**Välkommen till kursen Hjärt-lungräddning för vuxna")],
    [(20, "Ekby Räddningstjänst")],
    [],
    [(20, "Tid: Torsdag 7 november kl. 18.00–21.00")],
    [(20, "Plats: Brandstationen, Industrivägen 2")],
    [(20, "Kursledare: Maja Ekström")],
    [],
    [(20, "Kursen är gratis för boende i kommunen. Du får öva på docka och lära dig använda en")],
    [(20, "hjärtstartare. Anmälan görs på vår webbplats senast en vecka innan.")],
]]

# An invitation to a party, with its time and place: the title invites to no meeting.
PARTY_INVITATION = [[
    [(20, "**Inbjudan till sommarfest")],
    [(20, "Ekby Hembygdsförening")],
    [],
    [(20, "Tid: Lördag 15 juni kl. 15.00")],
    [(20, "Plats: Hembygdsgården")],
    [],
    [(20, "Vi grillar, dansar kring stången och har lotteri med fina vinster. Ta med något att sitta")],
    [(20, "på och gärna en kaka till kaffebordet. Alla är välkomna, både medlemmar och grannar!")],
]]

# Slides exported to PDF: a few big short lines a page, landscape.
SLIDES = [
    ["Trafiksäkerhet i Ekby", "Lägesrapport hösten 2024", "Samhällsbyggnadsförvaltningen"],
    ["Bakgrund", "1. Fler olyckor vid skolorna", "2. Höga hastigheter på Ringvägen", "3. Önskemål från föräldrar"],
    ["Åtgärder 2025", "1. Farthinder vid Ängsskolan", "2. 30 km/h i centrum", "3. Ny gång- och cykelväg"],
    ["Tidplan", "Januari: upphandling", "April: byggstart", "September: uppföljning"],
    ["Frågor?", "Kontakt: Sara Lindell", "sara.lindell@ekby.se"],
]

DOCUMENTS = {
    "invoice": INVOICE,
    "service-invoice": SERVICE_INVOICE,
    "association-letter": ASSOCIATION_LETTER,
    "personal-letter": PERSONAL_LETTER,
    "news-article": NEWS_ARTICLE,
    "membership-form": MEMBERSHIP_FORM,
    "annual-report": ANNUAL_REPORT,
    "price-list": PRICE_LIST,
    "cv": CV,
    "menu": MENU,
    "english-agenda": ENGLISH_AGENDA,
    "press-release": PRESS_RELEASE,
    "decision-letter": DECISION_LETTER,
    "rental-contract": RENTAL_CONTRACT,
    "statutes": STATUTES,
    "booking-confirmation": BOOKING_CONFIRMATION,
    "newsletter": NEWSLETTER,
    "schedule": SCHEDULE,
    "job-advert": JOB_ADVERT,
    "receipt": RECEIPT,
    "recipe": RECIPE,
    "course-invitation": COURSE_INVITATION,
    "party-invitation": PARTY_INVITATION,
}
# Refused by the language check before the type is decided: not minutes either way.
NOT_SWEDISH = {"english-agenda"}


def write_slides(path: Path, slides: list[list[str]]) -> Path:
    """Slides as a presentation program exports them: landscape pages, a big heading and a few
    big short lines."""
    pdf = FPDF(orientation="L", format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    for lines in slides:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 40)
        pdf.set_xy(25, 30)
        pdf.cell(0, 16, lines[0])
        pdf.set_font("Helvetica", "", 28)
        for index, line in enumerate(lines[1:]):
            pdf.set_xy(30, 70 + 22 * index)
            pdf.cell(0, 12, line)
    pdf.output(str(path))
    return path


def write_not_minutes(folder: Path) -> dict[str, Path]:
    """Every non-minutes document as a PDF in ``folder``, by name."""
    written = {name: write_pdf(folder / f"{name}.pdf", pages) for name, pages in DOCUMENTS.items()}
    written["slides"] = write_slides(folder / "slides.pdf", SLIDES)
    return written


@pytest.fixture(scope="module")
def not_minutes(tmp_path_factory) -> dict[str, Path]:
    return write_not_minutes(tmp_path_factory.mktemp("not-minutes"))


def test_the_set_is_at_least_twenty_kinds_of_document(not_minutes):
    assert len(not_minutes) >= 20


def assert_nothing_of_a_meeting(minutes: dict) -> None:
    assert minutes["document_type"] == "other"
    assert minutes["meeting"] == {"date": None, "start_time": None, "end_time": None, "place": None, "number": None}
    assert (minutes["organisation"], minutes["body"]) == (None, None)
    assert minutes["participants"] == [] and minutes["items"] == [] and minutes["signatures"] == []
    assert minutes["next_meeting"] is None
    assert any("not minutes" in warning for warning in minutes["warnings"]), minutes["warnings"]


@pytest.mark.parametrize("name", [*DOCUMENTS, "slides"])
def test_a_document_that_is_not_minutes_is_other_with_nothing_of_a_meeting(not_minutes, name):
    if name in NOT_SWEDISH:
        with pytest.raises(errors.NotSwedishError):
            extract(not_minutes[name], entities=False)
        return
    assert_nothing_of_a_meeting(extract(not_minutes[name], entities=False).to_dict())


@pytest.mark.parametrize("name", ["invoice", "annual-report", "slides"])
def test_the_command_line_says_other_for_a_document_that_is_not_minutes(not_minutes, name):
    run = subprocess.run([sys.executable, "-m", "extractor", "extract", str(not_minutes[name])],
                         capture_output=True, text=True, timeout=300)
    assert run.stdout.strip(), run.stderr
    assert_nothing_of_a_meeting(json.loads(run.stdout))


@pytest.mark.parametrize("name, evidence", [
    ("statutes", "only numbered items"),
    ("booking-confirmation", "only a head with the meeting's time or place"),
    ("news-article", "only a title naming a meeting"),
    ("annual-report", "and none of the parts"),
])
def test_the_reason_a_document_is_not_minutes_names_the_evidence_found(not_minutes, name, evidence):
    document = find_layout(read_document(not_minutes[name]))
    fields = meeting_fields(segment(document), document)
    assert fields.document_type == "other"
    assert "no title naming minutes" in fields.not_minutes and evidence in fields.not_minutes
    # The reason is what the output's warning says.
    warnings = extract(not_minutes[name], entities=False).to_dict()["warnings"]
    assert any(fields.not_minutes in warning for warning in warnings), warnings


# Minutes whose title names no type: two kinds of evidence of a meeting's record make them minutes.
HEAD_AND_ITEMS = [[
    [(20, "**Ekby Tennisklubb")],
    [(20, "2024-03-05")],
    [(20, "Närvarande: Anna Berg, Olle Ek, Eva Lind")],
    [],
    [(20, "**1. Mötets öppnande")],
    [(20, "Anna Berg öppnade mötet.")],
    [(20, "**2. Banorna")],
    [(20, "Styrelsen beslutade att köpa nya nät.")],
    [(20, "**3. Mötets avslutande")],
    [(20, "Mötet avslutades.")],
]]
MEETING_TITLE_AND_ITEMS = [[
    [(20, "**Styrelsemöte 12 mars 2024")],
    [(20, "Ekby Tennisklubb")],
    [],
    [(20, "**§ 1 Ekonomi")],
    [(20, "Kassören redovisade läget. Styrelsen beslutade att lägga rapporten till handlingarna.")],
    [(20, "**§ 2 Banorna")],
    [(20, "Styrelsen beslutade att köpa nya nät.")],
    [(20, "**§ 3 Städdag")],
    [(20, "Städdagen blir den 20 april.")],
]]
ITEMS_AND_ATTESTED_SIGNING = [[
    [(20, "**Ekby Tennisklubb")],
    [(20, "Onsdagen den 5 juni 2024")],
    [],
    [(20, "**§ 1 Ekonomi")],
    [(20, "Styrelsen beslutade att lägga rapporten till handlingarna.")],
    [(20, "**§ 2 Banorna")],
    [(20, "Styrelsen beslutade att köpa nya nät.")],
    [],
    [(20, "Vid protokollet"), (110, "Justeras")],
    [],
    [(20, "Olle Ek"), (110, "Eva Lind")],
]]


@pytest.mark.parametrize("pages", [HEAD_AND_ITEMS, MEETING_TITLE_AND_ITEMS, ITEMS_AND_ATTESTED_SIGNING])
def test_minutes_without_a_type_word_in_the_title_are_minutes_by_two_kinds_of_evidence(tmp_path, pages):
    minutes = extract(write_pdf(tmp_path / "minutes.pdf", pages), entities=False).to_dict()
    assert minutes["document_type"] == "protokoll"
    assert len(minutes["items"]) >= 2


# ---------------------------------------------------------------------------- the corpus

def corpus_documents() -> list[tuple[Path, Path]]:
    corpus = require_shared()
    return [(pdf, corpus / "gold" / f"{pdf.stem}.json") for pdf in sorted((corpus / "docs").glob("*.pdf"))
            if (corpus / "gold" / f"{pdf.stem}.json").is_file()]


def test_every_minutes_document_of_the_corpus_keeps_its_type():
    """Pages are read once and cached (the OCR of the scans is the slow part); every stage after
    reading runs as ``extract`` runs it."""
    found = {}
    for pdf, gold in corpus_documents():
        predicted = extract_pages(read_pages_cached(pdf), entities=False).document_type
        found[pdf.stem] = (json.loads(gold.read_text("utf-8"))["document_type"], predicted)
    assert found, "no corpus document with a gold file"
    assert not [name for name, (_, predicted) in found.items() if predicted == "other"]
    assert {name: pair for name, pair in found.items() if pair[0] != pair[1]} == {}
