<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name></name>
    <message>
        <location filename="../../src/planner/ui/dialogs/export_dialog.py" line="+78"/>
        <source>For the patient to take home: times, place, how to prepare and after-care, and whom to call. It leaves out diagnosis, screening flags, notes and every other patient.</source>
        <translation>Til pasienten: tidspunkter, sted, forberedelse, råd etter behandling og hvem pasienten kan ringe. Diagnose, screeningflagg, notater og andre pasienter tas ikke med.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For a practitioner&apos;s own calendar: patients by initials (or chart number), target regions, room and “3 of 9”. It leaves out full names, phone numbers, flags and notes.</source>
        <translation>Til behandlerens egen kalender: pasienter med initialer (eller journalnummer), behandlingsområder, rom og «3 av 9». Fulle navn, telefonnumre, flagg og notater tas ikke med.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Everything, with names, screening flags and notes. This is health data: keep the file inside the clinic.</source>
        <translation>Alt, med navn, screeningflagg og notater. Dette er helseopplysninger: filen må bli i klinikken.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Patient</source>
        <comment>export profile</comment>
        <translation>Pasient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practitioner</source>
        <comment>export profile</comment>
        <translation>Behandler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full (stays in the clinic)</source>
        <translation>Full (blir i klinikken)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One event per session</source>
        <translation>Én hendelse per time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One repeating event per plan phase</source>
        <translation>Én gjentakende hendelse per planfase</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sessions</source>
        <comment>export shape</comment>
        <translation>timer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>series</source>
        <comment>export shape</comment>
        <translation>serie</translation>
    </message>
    <message>
        <location line="+99"/>
        <location line="+334"/>
        <source>Export calendar</source>
        <translation>Eksporter kalender</translation>
    </message>
    <message>
        <location line="-320"/>
        <location filename="../../src/planner/ui/models/history_model.py" line="+24"/>
        <location filename="../../src/planner/ui/models/outbox_model.py" line="+99"/>
        <source>What</source>
        <translation>Hva</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Patient: %1&apos;s future sessions</source>
        <translation>&amp;Pasient: kommende timer for %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Patient: choose one in the side panel first</source>
        <translation>&amp;Pasient: velg en i sidepanelet først</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One p&amp;lan of the patient:</source>
        <translation>Én p&amp;lan for pasienten:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 from %2 (%3)</source>
        <comment>a plan, its first day and its status</comment>
        <translation>%1 fra %2 (%3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P&amp;ractitioner:</source>
        <translation>&amp;Behandler:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>L&amp;ocation:</source>
        <translation>Ste&amp;d:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The &amp;whole clinic</source>
        <translation>&amp;Hele klinikken</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the first day</source>
        <translation>første dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last day</source>
        <translation>siste dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;From</source>
        <translation>&amp;Fra</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;to</source>
        <comment>from a day to a day</comment>
        <translation>&amp;til</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For whom and how</source>
        <translation>For hvem og hvordan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Initials</source>
        <translation>Initialer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="+287"/>
        <source>Chart number</source>
        <translation>Journalnummer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only what &amp;changed since they were last sent</source>
        <translation>Bare det som er &amp;endret siden forrige sending</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A delivery: what changed since this recipient was last sent a file, with cancellations; the first one holds every session. A plain export (unticked) is never remembered.</source>
        <translation>En levering: det som er endret siden mottakeren sist fikk en fil, med avlysninger; den første inneholder alle timer. En vanlig eksport (uten hake) blir aldri husket.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pro&amp;file:</source>
        <translation>Pr&amp;ofil:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name patients by:</source>
        <translation>Vis pasienter med:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;hape:</source>
        <translation>For&amp;mat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders:</source>
        <translation>Påminnelser:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Save .ics…</source>
        <translation>La&amp;gre .ics …</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>%1  (change them in Settings)</source>
        <translation>%1  (endre dem i Innstillinger)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <comment>reminders</comment>
        <translation>ingen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (reminders go into patients&apos; files only)</source>
        <translation>ingen (påminnelser kommer bare i pasientenes filer)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the %1 file</source>
        <translation>filen for %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the clinic&apos;s file</source>
        <translation>klinikkens fil</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Not sent to %1 yet.</source>
        <translation>Ikke sendt til %1 ennå.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Last sent to %1 on %2 (%3, %n event(s))</source>
        <translation>
            <numerusform>Sist sendt til %1 %2 (%3, %n hendelse)</numerusform>
            <numerusform>Sist sendt til %1 %2 (%3, %n hendelser)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>clinic</source>
        <comment>a file name</comment>
        <translation>klinikk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>calendar</source>
        <comment>a file name</comment>
        <translation>kalender</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save calendar</source>
        <translation>Lagre kalender</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/dialogs/import_dialog.py" line="+178"/>
        <source>iCalendar files (%1)</source>
        <translation>iCalendar-filer (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting…</source>
        <translation>Eksporterer …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting the calendar…</source>
        <translation>Eksporterer kalenderen …</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/clinic_setup.py" line="+55"/>
        <source>Your clinic</source>
        <translation>Klinikken din</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first location</source>
        <translation>Ditt første sted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first practitioner</source>
        <translation>Din første behandler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooms (optional)</source>
        <translation>Rom (valgfritt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A few steps, one page each; everything can be changed later in the clinic set-up.</source>
        <translation>Noen få steg, én side hver; alt kan endres senere i klinikkoppsettet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where patients come: its time zone, public holidays and opening hours. More locations can be added later.</source>
        <translation>Der pasientene kommer: tidssone, helligdager og åpningstider. Flere steder kan legges til senere.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who treats patients, where and when. Save adds one; add as many as you like, then Next.</source>
        <translation>Hvem som behandler pasienter, hvor og når. Lagre legger til én; legg til så mange du vil, og så Neste.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Treatment rooms of each location, if sessions should book a room too. Finish opens the empty week.</source>
        <translation>Behandlingsrom på hvert sted, hvis timene også skal bestille et rom. Fullfør åpner den tomme uken.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unsaved changes</source>
        <translation>Endringer som ikke er lagret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 page has changes that are not saved.</source>
        <translation>Siden «%1» har endringer som ikke er lagret.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save them before going on?</source>
        <translation>Vil du lagre dem før du går videre?</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Set up your clinic</source>
        <translation>Sett opp klinikken din</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clinic set-up</source>
        <translation>Klinikkoppsett</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Set-up pages</source>
        <translation>Sider i oppsettet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1. %2</source>
        <comment>a step of the set-up</comment>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1  (%2)</source>
        <comment>a page and its shortcut</comment>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>‹ &amp;Back</source>
        <translation>‹ &amp;Tilbake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ne&amp;xt ›</source>
        <translation>&amp;Neste ›</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>&amp;Fullfør</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/export_dialog.py" line="+0"/>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="-63"/>
        <location filename="../../src/planner/ui/dialogs/prompts.py" line="+134"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Step %1 of %2: %3</source>
        <translation>Steg %1 av %2: %3</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Reading the clinic&apos;s set-up…</source>
        <translation>Leser klinikkens oppsett…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot read the set-up: %1</source>
        <translation>Kan ikke lese oppsettet: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Still saving the last change; try again in a moment.</source>
        <translation>Lagrer fortsatt den forrige endringen; prøv igjen om et øyeblikk.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Add the first location before finishing.</source>
        <translation>Legg til det første stedet før du fullfører.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the first practitioner before finishing.</source>
        <translation>Legg til den første behandleren før du fullfører.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/export_dialog.py" line="+18"/>
        <location line="+55"/>
        <source>Export cancelled: nothing was written.</source>
        <translation>Eksporten ble avbrutt: ingenting ble skrevet.</translation>
    </message>
    <message numerus="yes">
        <location line="-32"/>
        <location filename="../../src/planner/ui/dialogs/import_dialog.py" line="+65"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n hendelse</numerusform>
            <numerusform>%n hendelser</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/main_window.py" line="+578"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n timer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing changed for %1 since they were last sent; no file was written.</source>
        <translation>Ingenting er endret for %1 siden forrige sending; ingen fil ble skrevet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved what changed for %1: %2 for %3, to %4.</source>
        <translation>Lagret endringene for %1: %2 for %3, i %4.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved %1 for %2 to %3.</source>
        <translation>Lagret %1 for %2 i %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not exported: %1</source>
        <translation>Ikke eksportert: %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/free_time.py" line="+77"/>
        <source>Find a free time</source>
        <translation>Finn ledig tid</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The first start of each free stretch from %1 on, for every session of the plan.</source>
        <translation>Første mulige start i hver ledige periode fra %1, for alle timene i planen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+215"/>
        <source>Weekdays:</source>
        <translation>Ukedager:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earliest start</source>
        <translation>Tidligste start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest end</source>
        <translation>Seneste slutt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <comment>from a time to a time</comment>
        <translation>til</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Between:</source>
        <translation>&amp;Mellom:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free starts</source>
        <translation>Ledige starttider</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Use this time</source>
        <translation>&amp;Bruk denne tiden</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Looking for free times…</source>
        <translation>Leter etter ledige tider …</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n free start(s) in the next %1 weeks; every session of the plan fits from each.</source>
        <translation>
            <numerusform>%n ledig starttid de neste %1 ukene; alle timene i planen får plass fra den.</numerusform>
            <numerusform>%n ledige starttider de neste %1 ukene; alle timene i planen får plass fra hver av dem.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No start in the next %1 weeks fits every session on these days and hours. Tick more weekdays, widen the hours, or choose another practitioner or room.</source>
        <translation>Ingen start de neste %1 ukene gir plass til alle timene på disse dagene og klokkeslettene. Kryss av for flere ukedager, utvid tidsrommet eller velg en annen behandler eller et annet rom.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/history_dialog.py" line="+69"/>
        <source>a row since removed</source>
        <translation>en rad som er fjernet siden</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>History of the session</source>
        <translation>Historikk for timen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History of the patient</source>
        <translation>Historikk for pasienten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the changes of the session…</source>
        <translation>Leser endringene for timen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the changes of the patient…</source>
        <translation>Leser endringene for pasienten …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes, oldest first</source>
        <translation>Endringer, eldste først</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../src/planner/ui/dialogs/outbox_dialog.py" line="+200"/>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>History: %1</source>
        <translation>Historikk: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient: %1</source>
        <translation>Pasient: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No change of it is recorded yet.</source>
        <translation>Ingen endringer er registrert ennå.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The latest %n change(s), oldest first.</source>
        <translation>
            <numerusform>Den siste endringen, eldste først.</numerusform>
            <numerusform>De siste %n endringene, eldste først.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s), oldest first.</source>
        <translation>
            <numerusform>%n endring, eldste først.</numerusform>
            <numerusform>%n endringer, eldste først.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The changes cannot be shown</source>
        <translation>Endringene kan ikke vises</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/import_dialog.py" line="-164"/>
        <location line="+97"/>
        <location line="+31"/>
        <source>Import a calendar</source>
        <translation>Importer en kalender</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Bring in time the clinic cannot book: a practitioner&apos;s own calendar (Google, Outlook, Apple, Thunderbird) as busy time, or a closure or holiday calendar for a location. Importing the same calendar again replaces what it added before.</source>
        <translation>Hent inn tid klinikken ikke kan bestille: en behandlers egen kalender (Google, Outlook, Apple, Thunderbird) som opptatt tid, eller en kalender med stengte dager og helligdager for et sted. Importerer du den samme kalenderen igjen, erstattes det den la inn forrige gang.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>an .ics file</source>
        <translation>en .ics-fil</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+336"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This calendar holds</source>
        <translation>Denne kalenderen inneholder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Busy time of</source>
        <translation>&amp;Opptatt tid for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Closures of</source>
        <translation>Ste&amp;ngte dager for</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the calendar&apos;s own name, else the file name</source>
        <translation>kalenderens eget navn, ellers filnavnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Source name:</source>
        <translation>&amp;Kildenavn:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+319"/>
        <source>All files (%1)</source>
        <translation>Alle filer (%1)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose whose calendar this is first.</source>
        <translation>Velg først hvem kalenderen tilhører.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the calendar…</source>
        <translation>Leser kalenderen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading and checking the calendar…</source>
        <translation>Leser og kontrollerer kalenderen …</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n busy time(s)</source>
        <translation>
            <numerusform>%n opptatt tid</numerusform>
            <numerusform>%n opptatte tider</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n closed day(s)</source>
        <translation>
            <numerusform>%n stengt dag</numerusform>
            <numerusform>%n stengte dager</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported %1 from “%2” (%3 read).</source>
        <translation>Importerte %1 fra «%2» (%3 lest).</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Replaced %n from the earlier import of this calendar.</source>
        <translation>
            <numerusform>Erstattet %n fra forrige import av denne kalenderen.</numerusform>
            <numerusform>Erstattet %n fra forrige import av denne kalenderen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Left out %n item(s):</source>
        <translation>
            <numerusform>Utelot %n element:</numerusform>
            <numerusform>Utelot %n elementer:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>• line %1: %2</source>
        <translation>• linje %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>• … and %n more (planner import --json lists them all)</source>
        <translation>
            <numerusform>• … og %n til (planner import --json viser alle)</numerusform>
            <numerusform>• … og %n til (planner import --json viser alle)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>⚠ %n booked session(s) now clash; move or cancel them:</source>
        <translation>
            <numerusform>⚠ %n bestilt time kolliderer nå; flytt eller avlys den:</numerusform>
            <numerusform>⚠ %n bestilte timer kolliderer nå; flytt eller avlys dem:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was imported: %1</source>
        <translation>Ingenting ble importert: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="+139"/>
        <location filename="../../src/planner/ui/models/move_preview_model.py" line="+34"/>
        <location filename="../../src/planner/ui/models/patient_models.py" line="+161"/>
        <location filename="../../src/planner/ui/models/proposal_model.py" line="+33"/>
        <source>Session</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2 of %3, %4</source>
        <comment>a session: kind, number, of, when</comment>
        <translation>%1 %2 av %3, %4</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/mail_settings_page.py" line="+58"/>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (vanligvis port 587)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS from the start (usually port 465)</source>
        <translation>TLS fra start (vanligvis port 465)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None: plain, for a server on the clinic&apos;s own network</source>
        <translation>Ingen: ukryptert, for en server på klinikkens eget nettverk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This computer has no system keyring: the password must come from %1 (set it where planner starts).</source>
        <translation>Denne maskinen har ingen systemnøkkelring: passordet må komme fra %1 (sett den der planner startes).</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../src/planner/ui/dialogs/setup_calendar.py" line="+105"/>
        <source>Password: from %1 on this computer.</source>
        <translation>Passord: fra %1 på denne maskinen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/setup_calendar.py" line="+9"/>
        <source>Password: kept in the system keyring (type a new one to replace it).</source>
        <translation>Passord: lagret i systemnøkkelringen (skriv et nytt for å erstatte det).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password: not set.</source>
        <translation>Passord: ikke satt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password: not needed (no user name: the server takes mail without a login).</source>
        <translation>Passord: trengs ikke (uten brukernavn tar serveren imot e-post uten innlogging).</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>A test message was sent to %1 through %2.</source>
        <translation>En testmelding ble sendt til %1 via %2.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Send test message</source>
        <translation>Send testmelding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send a short test message to this address:</source>
        <translation>Send en kort testmelding til denne adressen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sending patients their appointments by e-mail</source>
        <translation>Send pasientene timene deres på e-post</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. smtp.example.com (empty: no e-mail is sent)</source>
        <translation>f.eks. smtp.example.com (tomt: ingen e-post sendes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail server</source>
        <translation>E-postserver</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Security</source>
        <translation>Sikkerhet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the login (empty: the server takes mail without one)</source>
        <translation>innloggingen (tomt: serveren tar imot e-post uten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>Brukernavn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>Passord</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/setup_calendar.py" line="+34"/>
        <source>Goes to the system keyring, never to the database</source>
        <translation>Lagres i systemnøkkelringen, aldri i databasen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: the clinic&apos;s e-mail</source>
        <translation>tomt: klinikkens e-postadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender address</source>
        <translation>Avsenderadresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> minutes</source>
        <translation> minutter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait before sending</source>
        <translation>Vent før sending</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change waits this long before its message is sent, so a quick undo sends nothing</source>
        <translation>En endring venter så lenge før meldingen sendes, så en rask angring sender ingenting</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail ser&amp;ver:</source>
        <translation>E-post&amp;server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sec&amp;urity:</source>
        <translation>Sikke&amp;rhet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User na&amp;me:</source>
        <translation>&amp;Brukernavn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Passord:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sen&amp;der address:</source>
        <translation>Avs&amp;enderadresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait &amp;before sending:</source>
        <translation>&amp;Vent før sending:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Send &amp;test message…</source>
        <translation>Send &amp;testmelding …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the settings, then sends a short message</source>
        <translation>Lagrer innstillingene og sender så en kort melding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn o&amp;ff e-mail</source>
        <translation>Slå &amp;av e-post</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the mail server: no invitations are sent</source>
        <translation>Glem e-postserveren: ingen invitasjoner sendes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>E-mail settings</source>
        <translation>E-postinnstillinger</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patients who agreed to e-mail (in their details) get their sessions as calendar invitations after each booking, move or cancellation.</source>
        <translation>Pasienter som har samtykket til e-post (i pasientopplysningene), får timene sine som kalenderinvitasjoner etter hver bestilling, flytting eller avlysning.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>empty: the clinic&apos;s e-mail, %1</source>
        <translation>tomt: klinikkens e-postadresse, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty: the clinic&apos;s e-mail (give it on the General tab)</source>
        <translation>tomt: klinikkens e-postadresse (oppgi den i fanen Generelt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (the usual one)</source>
        <translation>%1 (den vanlige)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from %1</source>
        <translation>fra %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password: type the password of this login.</source>
        <translation>Passord: skriv passordet for denne innloggingen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: keep the saved one</source>
        <translation>tomt: behold det lagrede</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>give the mail server&apos;s host name, e.g. smtp.example.com (or Turn off e-mail to send none)</source>
        <translation>oppgi vertsnavnet til e-postserveren, f.eks. smtp.example.com (eller Slå av e-post for ikke å sende noe)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give the mail server&apos;s host name, e.g. smtp.example.com</source>
        <translation>oppgi vertsnavnet til e-postserveren, f.eks. smtp.example.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a password needs the user name it logs in with; give the user name</source>
        <translation>et passord trenger brukernavnet det logger inn med; oppgi brukernavnet</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Turn off e-mail</source>
        <translation>Slå av e-post</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the mail server? Patients get no more invitations by e-mail until a server is set again (the outbox keeps what is queued).</source>
        <translation>Glemme e-postserveren? Pasientene får ingen flere invitasjoner på e-post før en server er satt igjen (utboksen beholder det som står i kø).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn o&amp;ff</source>
        <translation>Slå &amp;av</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>host name</source>
        <comment>a field named in a message</comment>
        <translation>vertsnavn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user name</source>
        <comment>a field named in a message</comment>
        <translation>brukernavn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <comment>a field named in a message</comment>
        <translation>passord</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/new_plan.py" line="+85"/>
        <location line="+155"/>
        <source>New treatment plan</source>
        <translation>Ny behandlingsplan</translation>
    </message>
    <message>
        <location line="-127"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="-115"/>
        <source>Change &amp;patient…</source>
        <translation>Bytt &amp;pasient …</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+3"/>
        <source>Patient:</source>
        <translation>Pasient:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From the waitlist</source>
        <translation>Fra ventelisten</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Find a free ti&amp;me…</source>
        <translation>Finn ledig t&amp;id …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The next starts, on the weekdays and hours the patient can come, from which every session fits</source>
        <translation>De neste starttidene, på ukedagene og klokkeslettene pasienten kan komme, der alle timene får plass</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+235"/>
        <source>&amp;Book</source>
        <translation>&amp;Bestill</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/clinic_setup.py" line="-257"/>
        <location filename="../../src/planner/ui/dialogs/new_plan.py" line="-233"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+214"/>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/new_plan.py" line="+73"/>
        <source>the plan you entered</source>
        <translation>planen du har lagt inn</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+172"/>
        <source>&lt;i&gt;none chosen&lt;/i&gt;</source>
        <translation>&lt;i&gt;ingen valgt&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Correct the first session: %1.</source>
        <translation>Rett opp første time: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a patient and a practitioner to see the sessions.</source>
        <translation>Velg en pasient og en behandler for å se timene.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+76"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+91"/>
        <location line="+166"/>
        <source>Checking every session…</source>
        <translation>Kontrollerer alle timene …</translation>
    </message>
    <message numerus="yes">
        <location line="-22"/>
        <source>&amp;Book %n session(s)</source>
        <translation>
            <numerusform>&amp;Bestill %n time</numerusform>
            <numerusform>&amp;Bestill %n timer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Booking…</source>
        <translation>Bestiller …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a patient first.</source>
        <translation>Velg en pasient først.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+63"/>
        <source>Choose a practitioner first.</source>
        <translation>Velg en behandler først.</translation>
    </message>
    <message numerus="yes">
        <location line="-59"/>
        <source>%n session(s) do(es) not fit: use a fix or change the plan.</source>
        <translation>
            <numerusform>%n time får ikke plass: bruk en løsning eller endre planen.</numerusform>
            <numerusform>%n timer får ikke plass: bruk en løsning eller endre planen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Acknowledge the screening flags first.</source>
        <translation>Bekreft screeningflaggene først.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Looking for the next start where every session fits…</source>
        <translation>Leter etter neste start der alle timene får plass …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No start in the next four weeks fits every session; try another practitioner or let conflicts shift.</source>
        <translation>Ingen start de neste fire ukene gir plass til alle timene; prøv en annen behandler eller la kollisjoner flyttes.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 with %2 for %3</source>
        <translation>%1 hos %2 for %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 with %2</source>
        <translation>%1 hos %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Book the plan</source>
        <translation>Bestill planen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Book %1 for %2</source>
        <comment>an undo text: a plan for a patient</comment>
        <translation>Bestill %1 for %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the last change is still being saved; book again in a moment</source>
        <translation>den siste endringen lagres fortsatt; bestill igjen om et øyeblikk</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not booked: %1</source>
        <translation>Ikke bestilt: %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/outbox_dialog.py" line="-71"/>
        <location filename="../../src/planner/ui/outbox_sender.py" line="+256"/>
        <source>Outbox</source>
        <translation>Utboks</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E-mail invitations and calendar updates on their way, newest first.</source>
        <translation>E-postinvitasjoner og kalenderoppdateringer som er på vei, nyeste først.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show sent and settled &amp;too</source>
        <translation>Vis også sendte og &amp;avsluttede</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Outbox, newest first</source>
        <translation>Utboks, nyeste først</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Send now</source>
        <translation>&amp;Send nå</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Build and send everything queued now, without waiting for the grace period or the next retry</source>
        <translation>Lag og send alt som står i kø nå, uten å vente på ventetiden eller neste nye forsøk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Retry</source>
        <translation>&amp;Prøv igjen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the selected failed or retrying messages again now</source>
        <translation>Send de valgte meldingene som feilet eller prøves på nytt, nå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;esend</source>
        <translation>Send på &amp;nytt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue a copy of the selected sent or failed e-mail</source>
        <translation>Legg en kopi av den valgte sendte eller feilede e-posten i kø</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The outbox is empty.</source>
        <translation>Utboksen er tom.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is waiting to be sent.</source>
        <translation>Ingenting venter på å bli sendt.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The outbox cannot be read: %1</source>
        <translation>Utboksen kan ikke leses: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n row(s) chosen.</source>
        <translation>
            <numerusform>%n rad valgt.</numerusform>
            <numerusform>%n rader valgt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a row to see its state in full.</source>
        <translation>Velg en rad for å se hele statusen.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <location filename="../../src/planner/ui/models/outbox_model.py" line="+30"/>
        <source>%1 (%n session(s))</source>
        <translation>
            <numerusform>%1 (%n time)</numerusform>
            <numerusform>%1 (%n timer)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent %1</source>
        <comment>an e-mail, when</comment>
        <translation>Sendt %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due %1</source>
        <comment>an e-mail, when</comment>
        <translation>Skal sendes %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Was due %1</source>
        <comment>an e-mail, when</comment>
        <translation>Skulle vært sendt %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1; %n tries</source>
        <translation>
            <numerusform>%1; %n forsøk</numerusform>
            <numerusform>%1; %n forsøk</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To %1. %2.</source>
        <translation>Til %1. %2.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sending what is queued…</source>
        <translation>Sender det som står i kø …</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Putting them back in the queue…</source>
        <translation>Legger dem tilbake i køen …</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n message(s) back in the queue: sent on the next run, or now with Send now.</source>
        <translation>
            <numerusform>%n melding er tilbake i køen: sendes ved neste kjøring, eller nå med Send nå.</numerusform>
            <numerusform>%n meldinger er tilbake i køen: sendes ved neste kjøring, eller nå med Send nå.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queuing a copy…</source>
        <translation>Legger en kopi i kø …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A copy is queued: sent on the next run, or now with Send now.</source>
        <translation>En kopi står i kø: sendes ved neste kjøring, eller nå med Send nå.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/schedule_bar.py" line="+57"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Location</source>
        <translation>Sted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By practitioner</source>
        <translation>Etter behandler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By room</source>
        <translation>Etter rom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns</source>
        <translation>Kolonner</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+90"/>
        <source>Show: all</source>
        <translation>Vis: alle</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Choose which practitioners (or rooms) get a column</source>
        <translation>Velg hvilke behandlere (eller rom) som får en kolonne</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+87"/>
        <source>Show: %1 of %2</source>
        <translation>Vis: %1 av %2</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Location:</source>
        <translation>Sted:</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="-82"/>
        <location line="+229"/>
        <location filename="../../src/planner/ui/widgets/schedule_bar.py" line="+42"/>
        <source>%1 – %2</source>
        <comment>a range of days</comment>
        <translation>%1 – %2</translation>
    </message>
    <message numerus="yes">
        <location line="-221"/>
        <source>(%n booked session(s))</source>
        <translation>
            <numerusform>(%n bestilt time)</numerusform>
            <numerusform>(%n bestilte timer)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+18"/>
        <source>Closures</source>
        <translation>Stengte dager</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/plan_form.py" line="+37"/>
        <source>Move to the next working day</source>
        <translation>Flytt til neste virkedag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nearest free time that day</source>
        <translation>Nærmeste ledige tid samme dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the week out, extend the plan</source>
        <translation>Hopp over uken, forleng planen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep it and flag it</source>
        <translation>Behold og merk den</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show it as a conflict</source>
        <translation>Vis som konflikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift to the nearest free time that day</source>
        <translation>Flytt til nærmeste ledige tid samme dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift to the next free day</source>
        <translation>Flytt til neste ledige dag</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="-122"/>
        <source>&amp;Template</source>
        <translation>&amp;Mal</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>C&amp;ustom cadence</source>
        <translation>E&amp;gen frekvens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;ngle session</source>
        <translation>&amp;Enkelttime</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One session: an initial assessment before a plan is decided, a one-off follow-up</source>
        <translation>Én time: en første undersøkelse før en plan er bestemt, en enkelt oppfølging</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+7"/>
        <source>%1  (%n session(s))</source>
        <translation>
            <numerusform>%1  (%n time)</numerusform>
            <numerusform>%1  (%n timer)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n uke</numerusform>
            <numerusform>%n uker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>%n a week</source>
        <translation>
            <numerusform>%n per uke</numerusform>
            <numerusform>%n per uke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>every %n week(s)</source>
        <translation>
            <numerusform>hver %n. uke</numerusform>
            <numerusform>hver %n. uke</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kind of session</source>
        <translation>Type time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length and kind:</source>
        <translation>Lengde og type:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Who, where and when</source>
        <translation>Hvem, hvor og når</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="-5"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="+412"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+34"/>
        <source>&amp;Location:</source>
        <translation>&amp;Sted:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ractitioner:</source>
        <comment>the new-plan form</comment>
        <translation>Be&amp;handler:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="-309"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+3"/>
        <source>R&amp;oom:</source>
        <translation>&amp;Rom:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;First session:</source>
        <translation>&amp;Første time:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On a &amp;holiday:</source>
        <translation>Ved he&amp;lligdag:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the time is ta&amp;ken:</source>
        <translation>Hvis tiden er &amp;opptatt:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target regions</source>
        <translation>Behandlingsområder</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 (%2)</source>
        <comment>a kind of session (its modality)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+113"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+208"/>
        <source>No room</source>
        <translation>Uten rom</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 · %2</source>
        <comment>a practitioner · their profession</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2  (does not needle)</source>
        <translation>%1 · %2  (bruker ikke nåler)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="+7"/>
        <source>Clo&amp;sures:</source>
        <translation>Stengte &amp;dager:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move closure</source>
        <translation>&amp;Fjern stenging</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new closure</source>
        <translation>Ny stenging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the first closed day</source>
        <translation>første stengte dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last closed day</source>
        <translation>siste stengte dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same day</source>
        <translation>samme dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Christmas, staff training, renovation</source>
        <translation>f.eks. jul, personalkurs, oppussing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add closure</source>
        <translation>&amp;Legg til stenging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;From:</source>
        <translation>Fr&amp;a:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To:</source>
        <translation>&amp;Til:</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../src/planner/ui/models/history_model.py" line="-3"/>
        <location filename="../../src/planner/ui/models/outbox_model.py" line="-32"/>
        <location filename="../../src/planner/ui/models/patient_models.py" line="-1"/>
        <location filename="../../src/planner/ui/models/proposal_model.py" line="+1"/>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="+59"/>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="+0"/>
        <source>Practitioner</source>
        <translation>Behandler</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="+2"/>
        <source>Booked sessions on the closed days</source>
        <translation>Bestilte timer på de stengte dagene</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Pick a closure to see the booked sessions on its days.</source>
        <translation>Velg en stenging for å se de bestilte timene på dagene.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the booked sessions on these days…</source>
        <translation>Leser de bestilte timene på disse dagene …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open</source>
        <comment>a session</comment>
        <translation>Åpne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show %1&apos;s session in the week</source>
        <translation>Vis timen til %1 i uken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>these days</source>
        <translation>disse dagene</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n booked session(s) on %1: open each to move or cancel it (Enter on a row opens it too).</source>
        <translation>
            <numerusform>%1: %n bestilt time. Åpne den for å flytte eller avlyse den (Enter på en rad åpner den også).</numerusform>
            <numerusform>%1: %n bestilte timer. Åpne hver av dem for å flytte eller avlyse den (Enter på en rad åpner den også).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No booked sessions on %1.</source>
        <translation>%1: ingen bestilte timer.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>add a location first: a closure closes a location</source>
        <translation>legg til et sted først: en stenging gjelder et sted</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Closed %1; no booked sessions on those days.</source>
        <translation>Stengt %1; ingen bestilte timer på de dagene.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Closed %1. It hits %n booked session(s): see below.</source>
        <translation>
            <numerusform>Stengt %1. Stengingen rammer %n bestilt time: se nedenfor.</numerusform>
            <numerusform>Stengt %1. Stengingen rammer %n bestilte timer: se nedenfor.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The closure is removed.</source>
        <translation>Stengingen er fjernet.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/schedule_bar.py" line="+1"/>
        <source>week %1</source>
        <translation>uke %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Show all</source>
        <translation>Vis alle</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/schedule_panel.py" line="+65"/>
        <source>Loading…</source>
        <translation>Laster …</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/when_field.py" line="+37"/>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new start</source>
        <translation>ny start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first session</source>
        <translation>første time</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the time</source>
        <translation>klokkeslettet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>type %1 as HH:MM, e.g. 10:30</source>
        <translation>skriv %1 som tt:mm, f.eks. 10:30</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read %1 &apos;%2&apos;; write it as HH:MM, e.g. 10:30</source>
        <translation>kan ikke lese %1 «%2»; skriv det som tt:mm, f.eks. 10:30</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a time: the hours go from 00 to 23</source>
        <translation>«%1» er ikke et klokkeslett: timene går fra 00 til 23</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a time: the minutes go from 00 to 59</source>
        <translation>«%1» er ikke et klokkeslett: minuttene går fra 00 til 59</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the day of the %1</source>
        <translation>dagen for %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day of the %1</source>
        <translation>Dag for %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HH:MM</source>
        <translation>tt:mm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the time as HH:MM (24 hours); Up and Down move it 15 minutes</source>
        <translation>Skriv klokkeslettet som tt:mm (24-timersklokke); Pil opp og Pil ned flytter det 15 minutter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time of the %1</source>
        <translation>Klokkeslett for %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/session_dialogs.py" line="+43"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 of %3&lt;br&gt;%4 with %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 i %3&lt;br&gt;%4 hos %5</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/desk.py" line="+54"/>
        <source>Wait a moment: the last change is still being saved</source>
        <translation>Vent litt: den forrige endringen lagres fortsatt</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../../src/planner/ui/dialogs/prompts.py" line="-101"/>
        <location filename="../../src/planner/ui/dialogs/session_dialogs.py" line="+31"/>
        <source>%1 at %2</source>
        <comment>a date at a time</comment>
        <translation>%1 kl. %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 for %2</source>
        <comment>a session for a patient</comment>
        <translation>%1 for %2</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>Undone: %1</source>
        <translation>Angret: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redone: %1</source>
        <translation>Gjort om: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not undo “%1”</source>
        <translation>Kunne ikke angre «%1»</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not redo “%1”</source>
        <translation>Kunne ikke gjøre om «%1»</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2</source>
        <comment>what could not be done: why</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Register %1</source>
        <translation>Registrer %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Edit the details of %1</source>
        <translation>Rediger opplysningene om %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 for %2 has no booked sessions left to cancel</source>
        <translation>%1 for %2 har ingen bestilte timer igjen å avlyse</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel the rest of the plan</source>
        <translation>Avlys resten av planen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel every future booked session of %1 for %2 and mark the plan cancelled?</source>
        <translation>Avlyse alle kommende bestilte timer i %1 for %2 og markere planen som avsluttet?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the &amp;rest of the plan</source>
        <translation>Avlys &amp;resten av planen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep the plan</source>
        <translation>&amp;Behold planen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel the rest of %1 for %2</source>
        <translation>Avlys resten av %1 for %2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>this session is %1; only booked sessions can be moved</source>
        <translation>denne timen er %1; bare bestilte timer kan flyttes</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 and following sessions</source>
        <translation>%1 og timene etter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move %1 for %2 to %3</source>
        <translation>Flytt %1 for %2 til %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The new start, %1, is in the past</source>
        <translation>Den nye starten, %1, er tilbake i tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move %1 there</source>
        <translation>Flytt %1 dit</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>this session is %1; only booked sessions can be cancelled</source>
        <translation>denne timen er %1; bare bestilte timer kan avlyses</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancel %1 for %2 (plan extended)</source>
        <translation>Avlys %1 for %2 (planen forlenget)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel %1 for %2</source>
        <translation>Avlys %1 for %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 starts on %2: it can be marked attended from an hour before it starts</source>
        <translation>%1 starter %2: den kan markeres som møtt fra en time før den starter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Mark %1 attended</source>
        <translation>Marker %1 som møtt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Correct to a no-show</source>
        <translation>Rett til ikke møtt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is marked attended. Correct it to a no-show? Its regions and scores are cleared (%2 brings them back).</source>
        <translation>%1 er markert som møtt. Rette den til ikke møtt? Områdene og skårene fjernes (%2 henter dem tilbake).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Correct to no-show</source>
        <translation>&amp;Rett til ikke møtt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep it attended</source>
        <translation>&amp;Behold som møtt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Correct %1 to a no-show</source>
        <translation>Rett %1 til ikke møtt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 starts on %2: it can be a no-show once it has started</source>
        <translation>%1 starter %2: den kan markeres som ikke møtt først når den har startet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark %1 a no-show</source>
        <translation>Marker %1 som ikke møtt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this session is %1 already</source>
        <translation>denne timen er allerede %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>booked for %1</source>
        <translation>bestilt til %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this session was changed at another desk a moment ago: %1 is now %2; look again</source>
        <translation>denne timen ble nettopp endret ved en annen skranke: %1 er nå %2; se på den igjen</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/prompts.py" line="+16"/>
        <source>Move %1 for %2 from %3 to %4?</source>
        <translation>Flytte %1 for %2 fra %3 til %4?</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The plan has %n more booked session(s) after this one. Move them by the same shift too?</source>
        <translation>
            <numerusform>Planen har %n bestilt time til etter denne. Skal den også flyttes like mye?</numerusform>
            <numerusform>Planen har %n bestilte timer til etter denne. Skal de også flyttes like mye?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;This session</source>
        <translation>&amp;Denne timen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This and &amp;following</source>
        <translation>Denne og &amp;følgende</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Record past sessions?</source>
        <translation>Registrere passerte timer?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 as a record of sessions that already took place? Choose No to correct the date.</source>
        <translation>%1 som registrering av timer som allerede har funnet sted? Velg Nei for å rette datoen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Record past sessions</source>
        <translation>&amp;Registrer passerte timer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;No, correct the date</source>
        <translation>&amp;Nei, rett datoen</translation>
    </message>
    <message>
        <location line="-137"/>
        <location filename="../../src/planner/ui/dialogs/session_dialogs.py" line="+32"/>
        <source>Move session</source>
        <translation>Flytt time</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/session_dialogs.py" line="+10"/>
        <source>&amp;New start:</source>
        <translation>&amp;Ny start:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;This session only</source>
        <translation>Bare &amp;denne timen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>This and the &amp;following %n booked session(s) of the plan, by the same shift</source>
        <translation>
            <numerusform>Denne og den neste bestilte timen i planen, flyttet &amp;like mye</numerusform>
            <numerusform>Denne og de neste %n bestilte timene i planen, flyttet &amp;like mye</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Move</source>
        <translation>&amp;Flytt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 is in the past: moving the session there records a session that already took place (you will be asked).</source>
        <translation>%1 er tilbake i tid: flytter du timen dit, registreres en time som allerede er gjennomført (du blir spurt først).</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+51"/>
        <source>Cancel session</source>
        <translation>Avlys time</translation>
    </message>
    <message numerus="yes">
        <location line="-41"/>
        <source>&amp;Add a session at the end so the plan keeps its %n %1 sessions</source>
        <translation>
            <numerusform>&amp;Legg til en time på slutten, så planen fortsatt har %n time med %1</numerusform>
            <numerusform>&amp;Legg til en time på slutten, så planen fortsatt har %n timer med %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add a session at the end so the plan keeps its count</source>
        <translation>&amp;Legg til en time på slutten, så planen beholder antallet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. patient ill (optional)</source>
        <translation>f.eks. pasienten er syk (valgfritt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="-180"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Årsak:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You can undo this with %1.</source>
        <translation>Du kan angre dette med %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Cancel session</source>
        <translation>&amp;Avlys timen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/waitlist_panel.py" line="+507"/>
        <source>&amp;Keep it</source>
        <translation>&amp;Behold den</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the reason and choice you entered</source>
        <translation>årsaken og valget du har lagt inn</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+90"/>
        <source>Session attended</source>
        <translation>Møtt til time</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Click the regions treated on the body map (or tick them), and give each one&apos;s pain now, 0 (none) to 10 (worst). On the map, digits give the pain of the region under the focus ring.</source>
        <translation>Klikk på områdene som ble behandlet på kroppskartet (eller kryss av for dem), og oppgi smerten i hvert av dem nå, fra 0 (ingen) til 10 (verst). På kartet gir et tall smerten i området med fokusringen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;b&gt;Region&lt;/b&gt;</source>
        <translation>&lt;b&gt;Område&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Pain 0-10&lt;/b&gt;</source>
        <translation>&lt;b&gt;Smerte 0–10&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add another region…</source>
        <translation>Legg til et område …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Whole-body scores (optional)</source>
        <translation>Skår for hele kroppen (valgfritt)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+72"/>
        <source>not taken</source>
        <translation>ikke målt</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>%1:</source>
        <comment>a form label</comment>
        <translation>%1:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Notes:</source>
        <translation>&amp;Notater:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark &amp;attended</source>
        <translation>Marker som &amp;møtt</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the scores and notes you entered</source>
        <translation>skårene og notatene du har lagt inn</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Pain in %1</source>
        <translation>Smerte: %1</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Go to date</source>
        <translation>Gå til dato</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no regions set</source>
        <translation>ingen områder valgt</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="-577"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="-285"/>
        <source>Clinic &amp;name:</source>
        <translation>Klinikkens &amp;navn:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="-7"/>
        <source>e.g. Oslo Needling &amp; Physio</source>
        <translation>f.eks. Oslo Nål &amp; Fysio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic &amp;phone:</source>
        <translation>Klinikkens telef&amp;on:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="+2"/>
        <source>e.g. +47 22 00 00 00</source>
        <translation>f.eks. +47 22 00 00 00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic &amp;e-mail:</source>
        <translation>Klinikkens &amp;e-post:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="+2"/>
        <source>e.g. post@example.no</source>
        <translation>f.eks. post@example.no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic &amp;address:</source>
        <translation>Klinikkens &amp;adresse:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="+2"/>
        <source>e.g. Storgata 1, 0155 Oslo</source>
        <translation>f.eks. Storgata 1, 0155 Oslo</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Patient: their own sessions; no diagnosis, no flags, no other patients</source>
        <translation>Pasient: egne timer; ingen diagnose, ingen flagg, ingen andre pasienter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practitioner: initials, regions and room; no names or notes</source>
        <translation>Behandler: initialer, områder og rom; ingen navn eller notater</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full: everything, health data included (stays in the clinic)</source>
        <translation>Full: alt, også helseopplysninger (blir i klinikken)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <location filename="../../src/planner/ui/settings.py" line="+150"/>
        <source>%n day(s) before</source>
        <translation>
            <numerusform>%n dag før</numerusform>
            <numerusform>%n dager før</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location filename="../../src/planner/ui/settings.py" line="+2"/>
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n time før</numerusform>
            <numerusform>%n timer før</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/settings.py" line="+1"/>
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minutt før</numerusform>
            <numerusform>%n minutter før</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the desk name</source>
        <translation>navnet på maskinen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the clinic&apos;s details</source>
        <translation>klinikkens opplysninger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the e-mail settings</source>
        <translation>e-postinnstillingene</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="-130"/>
        <source>Patient already registered?</source>
        <translation>Er pasienten allerede registrert?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Is this the same person? %n more patient(s) are alike too.</source>
        <translation>
            <numerusform>Er dette samme person? %n pasient til ligner også.</numerusform>
            <numerusform>Er dette samme person? %n pasienter til ligner også.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Is this the same person?</source>
        <translation>Er dette samme person?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save anyway</source>
        <translation>&amp;Lagre likevel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open existing</source>
        <translation>Å&amp;pne den som finnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back to the form</source>
        <translation>&amp;Tilbake til skjemaet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A patient with this name, date of birth and phone number exists: %1</source>
        <translation>Det finnes en pasient med samme navn, fødselsdato og telefonnummer: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A patient with this phone number exists: %1</source>
        <translation>Det finnes en pasient med samme telefonnummer: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A patient with this name and date of birth exists: %1</source>
        <translation>Det finnes en pasient med samme navn og fødselsdato: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../src/planner/ui/models/patient_models.py" line="-68"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="+525"/>
        <source>born %1</source>
        <translation>født %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unsaved patient</source>
        <translation>Pasienten er ikke lagret</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the patient&apos;s details you typed</source>
        <translation>pasientopplysningene du har skrevet inn</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Edit patient</source>
        <translation>Endre pasient</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="-365"/>
        <source>New patient</source>
        <translation>Ny pasient</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Why the patient was not saved</source>
        <translation>Hvorfor pasienten ikke ble lagret</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="+20"/>
        <location line="+81"/>
        <location filename="../../src/planner/ui/dialogs/setup_staff.py" line="+110"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the patient&apos;s details…</source>
        <translation>Leser pasientopplysningene …</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="+85"/>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="+2"/>
        <source>dd.mm.yyyy</source>
        <translation>dd.mm.åååå</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="+1"/>
        <source>Date of birth</source>
        <translation>Fødselsdato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>13.05.1973, 13.5.1973, 1973-05-13 or 130573</source>
        <translation>13.05.1973, 13.5.1973, 1973-05-13 eller 130573</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sen&amp;d appointments by e-mail</source>
        <translation>&amp;Send timeavtaler på e-post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send appointments by e-mail</source>
        <translation>Send timeavtaler på e-post</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language of the patient&apos;s documents</source>
        <translation>Språket i pasientens dokumenter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of &amp;birth</source>
        <translation>Fø&amp;dselsdato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-&amp;mail</source>
        <translation>&amp;E-post</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hart number</source>
        <translation>&amp;Journalnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>Sp&amp;råk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>Not&amp;ater</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The patient agreed to get their bookings, moves and cancellations as calendar invitations by e-mail</source>
        <translation>Pasienten har samtykket til å få bestillinger, flyttinger og avlysninger som kalenderinvitasjoner på e-post</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the patient&apos;s e-mail address first</source>
        <translation>Fyll inn pasientens e-postadresse først</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit patient: %1</source>
        <translation>Endre pasient: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The patient cannot be shown: %1</source>
        <translation>Pasienten kan ikke vises: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%1, %n year(s) old</source>
        <translation>
            <numerusform>%1, %n år</numerusform>
            <numerusform>%1, %n år</numerusform>
        </translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Looking for the same patient…</source>
        <translation>Ser etter samme pasient …</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>the last change is still being saved; save again in a moment</source>
        <translation>den forrige endringen lagres fortsatt; lagre igjen om et øyeblikk</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Reading the patient&apos;s new details…</source>
        <translation>Leser pasientens nye opplysninger …</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1. The form shows the new details now, with what you typed kept: check them and save again</source>
        <translation>%1. Skjemaet viser nå de nye opplysningene, og det du skrev er beholdt: kontroller dem og lagre igjen</translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+30"/>
        <location line="+296"/>
        <location line="+78"/>
        <location line="+39"/>
        <location line="+71"/>
        <source>Not saved: %1</source>
        <translation>Ikke lagret: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saving… the dialog closes when it is saved</source>
        <translation>Lagrer … vinduet lukkes når det er lagret</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="-481"/>
        <source>%1 saved; %2 not: %3</source>
        <translation>%1 er lagret; %2 ikke: %3</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Desk name</source>
        <translation>Navn på maskinen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name the change log gives this computer&apos;s changes (History…), such as &apos;Front desk 2&apos;</source>
        <translation>Navnet endringsloggen gir endringer gjort på denne maskinen (Historikk …), f.eks. «Resepsjon 2»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Des&amp;k name:</source>
        <translation>Arbeids&amp;stasjon:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set by %1 on this computer: %2</source>
        <translation>Satt av %1 på denne maskinen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shown in History… with every change made here; this computer&apos;s name (%1) unless you give another.</source>
        <translation>Vises i Historikk … ved hver endring som gjøres her; maskinens navn (%1) hvis du ikke oppgir et annet.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Written into every calendar file, so patients know whom to call (kept in the database, for every desk). Locations, rooms, practitioners and closures are in the clinic set-up.</source>
        <translation>Skrives i hver kalenderfil, så pasientene vet hvem de skal ringe (lagres i databasen, for alle maskiner). Steder, rom, behandlere og stengte dager finner du i klinikkoppsettet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Default &amp;reminders:</source>
        <translation>Standard &amp;påminnelser:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default export &amp;profile:</source>
        <translation>Standard eksportpro&amp;fil:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (the system&apos;s size)</source>
        <translation>%1 (systemets størrelse)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The size of the text in the week view and the side panel</source>
        <translation>Størrelsen på teksten i ukevisningen og sidepanelet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text size:</source>
        <translation>&amp;Tekststørrelse:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System (follow the computer)</source>
        <translation>System (som datamaskinen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The language of the window&apos;s menus, dialogs and lists</source>
        <translation>Språket i menyer, dialogbokser og lister</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>Sp&amp;råk:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language changes the next time planner starts.</source>
        <translation>Språket byttes neste gang planner starter.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A SQLite file or a PostgreSQL URL. Leave empty for the default. Takes effect the next time planner starts.</source>
        <translation>En SQLite-fil eller en PostgreSQL-URL. La feltet stå tomt for standard. Gjelder fra neste gang planner starter.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;General</source>
        <translation>&amp;Generelt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>E-mail &amp;invitations</source>
        <translation>E-post&amp;invitasjoner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ba&amp;ckups</source>
        <translation>Sikkerhets&amp;kopier</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+45"/>
        <source>Backup folder</source>
        <translation>Mappe for sikkerhetskopier</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>beside the database</source>
        <translation>ved siden av databasen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bro&amp;wse…</source>
        <translation>Bla g&amp;jennom …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup &amp;folder:</source>
        <translation>Sikkerhetskopi&amp;mappe:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Empty: a folder &apos;%1&apos; beside the database. Better another disk or a network share, so one failing disk cannot take the database and its backups. The window makes a checked backup at start-up when the last is a day old and every %2 hours while it is open (File, Back up now: at once); it keeps the newest of each of the last %3 days, %4 weeks and %5 months. Only you can read the backups (0600).</source>
        <translation>Tomt: en mappe «%1» ved siden av databasen. Bedre er en annen disk eller en nettverksmappe, så én disk som svikter ikke kan ta med seg både databasen og sikkerhetskopiene. Vinduet tar en kontrollert sikkerhetskopi ved oppstart når den siste er et døgn gammel, og hver %2. time mens det er åpent (Fil, Sikkerhetskopier nå: med en gang); det beholder den nyeste for hver av de siste %3 dagene, %4 ukene og %5 månedene. Bare du kan lese sikkerhetskopiene (0600).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The clinic&apos;s details can be changed once the database is open.</source>
        <translation>Klinikkens opplysninger kan endres når databasen er åpen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail can be set up once the database is open.</source>
        <translation>E-post kan settes opp når databasen er åpen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the clinic&apos;s details…</source>
        <translation>Leser klinikkens opplysninger …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot read the clinic&apos;s details: %1</source>
        <translation>Kan ikke lese klinikkens opplysninger: %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>no sender address: give one, or the clinic&apos;s e-mail on the General tab</source>
        <translation>ingen avsenderadresse: oppgi en, eller klinikkens e-postadresse i fanen Generelt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sending a test message…</source>
        <translation>Sender en testmelding …</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/clinic_setup.py" line="+150"/>
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="-131"/>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+0"/>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+23"/>
        <source>Turning e-mail off…</source>
        <translation>Slår av e-post …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>E-mail is off: no invitations are sent until a mail server is set.</source>
        <translation>E-post er slått av: ingen invitasjoner sendes før en e-postserver er satt opp.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Saved. %1</source>
        <translation>Lagret. %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Database file</source>
        <translation>Databasefil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>planner database (%1)</source>
        <translation>planner-database (%1)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_base.py" line="+203"/>
        <source>Not saved yet.</source>
        <translation>Ikke lagret ennå.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_choices.py" line="+108"/>
        <source>e.g. Europe/Oslo (type a city)</source>
        <translation>f.eks. Europe/Oslo (skriv en by)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No public holidays</source>
        <translation>Ingen helligdager</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The whole country</source>
        <translation>Hele landet</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/errors.py" line="+84"/>
        <source>That time is taken</source>
        <translation>Tiden er opptatt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The clinic is closed then</source>
        <translation>Klinikken er stengt da</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening flags need acknowledging</source>
        <translation>Screeningflagg må bekreftes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not permitted</source>
        <translation>Ikke tillatt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not possible now</source>
        <translation>Ikke mulig nå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed at another desk</source>
        <translation>Endret på en annen maskin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not found</source>
        <translation>Ikke funnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That time does not exist</source>
        <translation>Det tidspunktet finnes ikke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database problem</source>
        <translation>Problem med databasen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is damaged</source>
        <translation>Databasen er skadet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The disk is full</source>
        <translation>Disken er full</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be changed here</source>
        <translation>Databasen kan ikke endres her</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is busy</source>
        <translation>Databasen er opptatt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database from a newer planner</source>
        <translation>Database fra en nyere planner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot do that</source>
        <translation>Det går ikke</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Something went wrong</source>
        <translation>Noe gikk galt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>planner hit an unexpected problem and stopped what it was doing.

Nothing was lost: every change you made before was saved when you made it, and the step that failed was not saved. You can carry on working.

Details were written to %1; please send that file to support.</source>
        <translation>planner fikk et uventet problem og stoppet det den holdt på med.

Ingenting gikk tapt: alle endringer du gjorde før, ble lagret da du gjorde dem, og steget som feilet, ble ikke lagret. Du kan fortsette å arbeide.

Detaljer ble skrevet til %1. Send den filen til brukerstøtte.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/first_run.py" line="+34"/>
        <source>This database has no clinic yet.

Set up your own clinic: its name, a location with its opening hours, the practitioners and, if you like, rooms. It takes a few minutes, and everything can be changed later in the clinic set-up.

Or try the demo clinic: 3 locations, 20 practitioners, 2,000 patients and two years of treatment plans, so you can try everything. It takes a few seconds; keep it out of a database you mean to use for real patients.</source>
        <translation>Denne databasen har ingen klinikk ennå.

Sett opp din egen klinikk: navnet, et sted med åpningstider, behandlerne og eventuelt rom. Det tar noen minutter, og alt kan endres senere i klinikkoppsettet.

Eller prøv demoklinikken: 3 steder, 20 behandlere, 2000 pasienter og to års behandlingsplaner, så du kan prøve alt. Det tar noen sekunder. Ikke bruk den i en database som skal brukes til ekte pasienter.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>An empty database</source>
        <translation>En tom database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Set up my clinic…</source>
        <translation>&amp;Sett opp klinikken min…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try the demo clinic</source>
        <translation>&amp;Prøv demoklinikken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Not now</source>
        <translation>&amp;Ikke nå</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The database has a clinic already; the demo is only added to an empty one</source>
        <translation>Databasen har allerede en klinikk. Demoen legges bare inn i en tom database</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set up the clinic or create the demo from the menus</source>
        <translation>Sett opp klinikken eller lag demoen fra menyene</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The clinic is set up: its week is empty, ready for bookings</source>
        <translation>Klinikken er satt opp: uka er tom og klar for bestillinger</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+6"/>
        <source>Creating the demo clinic…</source>
        <translation>Lager demoklinikken…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Demo clinic</source>
        <translation>Demoklinikk</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Demo clinic created</source>
        <translation>Demoklinikken er laget</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/live.py" line="+267"/>
        <source>%n other desks</source>
        <translation>
            <numerusform>%n annen maskin</numerusform>
            <numerusform>%n andre maskiner</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>another desk</source>
        <translation>en annen maskin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated from %1 at %2</source>
        <translation>Oppdatert fra %1 kl. %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/outbox_sender.py" line="-189"/>
        <source>E-mail not sent yet: %1; retrying (and %n more problem(s))</source>
        <translation>
            <numerusform>E-post ikke sendt ennå: %1; prøver igjen (og %n problem til)</numerusform>
            <numerusform>E-post ikke sendt ennå: %1; prøver igjen (og %n problemer til)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail not sent yet: %1; retrying</source>
        <translation>E-post ikke sendt ennå: %1; prøver igjen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>E-mail not sent: %1 (and %n more problem(s)). See File ▸ Outbox…</source>
        <translation>
            <numerusform>E-post ikke sendt: %1 (og %n problem til). Se Fil ▸ Utboks …</numerusform>
            <numerusform>E-post ikke sendt: %1 (og %n problemer til). Se Fil ▸ Utboks …</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail not sent: %1. See File ▸ Outbox…</source>
        <translation>E-post ikke sendt: %1. Se Fil ▸ Utboks …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 waiting</source>
        <comment>outbox count</comment>
        <translation>%1 venter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 queued</source>
        <comment>outbox count</comment>
        <translation>%1 i kø</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ %1 failed</source>
        <comment>outbox count</comment>
        <translation>⚠ %1 feilet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbox: %1</source>
        <translation>Utboks: %1</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>E-mail not sent yet: the outbox could not run (%1); retrying</source>
        <translation>E-post ikke sendt ennå: utboksen kunne ikke kjøres (%1); prøver igjen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Open the outbox: what is waiting, queued, sent or failed (%1)</source>
        <translation>Åpne utboksen: det som venter, står i kø, er sendt eller feilet (%1)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/style.py" line="+52"/>
        <source>A</source>
        <comment>the letter of Assessment on a block</comment>
        <translation>U</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T</source>
        <comment>the letter of Treatment on a block</comment>
        <translation>B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R</source>
        <comment>the letter of Reassessment on a block</comment>
        <translation>K</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F</source>
        <comment>the letter of Follow-up on a block</comment>
        <translation>O</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Free</source>
        <comment>a proposed time&apos;s state</comment>
        <translation>Ledig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shifted</source>
        <comment>a proposed time&apos;s state</comment>
        <translation>Flyttet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <comment>a proposed time&apos;s state</comment>
        <translation>Sjekk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict</source>
        <comment>a proposed time&apos;s state</comment>
        <translation>Kollisjon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No slot</source>
        <comment>a proposed time&apos;s state</comment>
        <translation>Ingen tid</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>shoulders</source>
        <comment>both sides</comment>
        <translation>skuldre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>elbows</source>
        <comment>both sides</comment>
        <translation>albuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrists and hands</source>
        <comment>both sides</comment>
        <translation>håndledd og hender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hips</source>
        <comment>both sides</comment>
        <translation>hofter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>knees</source>
        <comment>both sides</comment>
        <translation>knær</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet</source>
        <comment>both sides</comment>
        <translation>føtter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>left %1</source>
        <comment>a body region&apos;s side</comment>
        <translation>venstre %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right %1</source>
        <comment>a body region&apos;s side</comment>
        <translation>høyre %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/undo.py" line="+248"/>
        <source>the plan&apos;s sessions changed since they were moved; move them back one by one</source>
        <translation>timene i planen er endret siden de ble flyttet; flytt dem tilbake én og én</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1: added a session on %2 at %3</source>
        <translation>%1: la til en time %2 kl. %3</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/views/schedule_view.py" line="+94"/>
        <source>Schedule</source>
        <translation>Timeplan</translation>
    </message>
    <message numerus="yes">
        <location line="+398"/>
        <source>%n more at this time (click or use the arrow keys to select):</source>
        <translation>
            <numerusform>%n til på dette tidspunktet (klikk eller bruk piltastene for å velge):</numerusform>
            <numerusform>%n til på dette tidspunktet (klikk eller bruk piltastene for å velge):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_calendar.py" line="-102"/>
        <source>This computer has no system keyring: the calendar password must come from PLANNER_CALDAV_PASSWORD.</source>
        <translation>Denne maskinen har ingen systemnøkkelring: kalenderpassordet må komme fra PLANNER_CALDAV_PASSWORD.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Password: not set (a server that needs one refuses to publish).</source>
        <translation>Passord: ikke satt (en server som krever passord, avviser publiseringen).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not published: %1</source>
        <translation>Ikke publisert: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Their calendar on a CalDAV server (optional)</source>
        <translation>Egen kalender på en CalDAV-server (valgfritt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. https://cal.example.com/dav/ingrid/work/</source>
        <translation>f.eks. https://cal.example.com/dav/ingrid/work/</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar (CalDAV) address</source>
        <translation>Kalenderadresse (CalDAV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their sessions are published there; empty: not published</source>
        <translation>Timene deres publiseres der; tomt: publiseres ikke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar user name</source>
        <translation>Brukernavn for kalenderen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calendar password</source>
        <translation>Passord for kalenderen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Calendar (CalDA&amp;V) address:</source>
        <translation>Kalenderadresse (CalDA&amp;V):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar &amp;user name:</source>
        <translation>Kalenderens &amp;brukernavn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar &amp;password:</source>
        <translation>Kalenderens &amp;passord:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pu&amp;blish now</source>
        <translation>Publ&amp;iser nå</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Put their sessions of the coming months on the calendar, fix what differs and remove what was cancelled (their own events stay)</source>
        <translation>Legg timene deres for de kommende månedene i kalenderen, rett opp det som avviker, og fjern det som er avlyst (egne hendelser blir stående)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What Publish now did</source>
        <translation>Hva Publiser nå gjorde</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save the new practitioner first, then give their calendar.</source>
        <translation>Lagre den nye behandleren først, og oppgi så kalenderen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a calendar password needs the calendar&apos;s address; give the address</source>
        <translation>et kalenderpassord trenger kalenderens adresse; oppgi adressen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give the calendar user name the password belongs to</source>
        <translation>oppgi brukernavnet for kalenderen som passordet hører til</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the calendar server</source>
        <translation>kalenderserveren</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/patient_flags.py" line="+39"/>
        <source>left arm</source>
        <translation>venstre arm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right arm</source>
        <translation>høyre arm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both arms</source>
        <translation>begge armer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left leg</source>
        <translation>venstre bein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right leg</source>
        <translation>høyre bein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both legs</source>
        <translation>begge bein</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>both %1</source>
        <comment>both sides of a body region</comment>
        <translation>begge %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (%2)</source>
        <comment>a screening flag (its regions)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Screening &amp;flags</source>
        <translation>Screening&amp;flagg</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Flag whose regions the body map shows</source>
        <translation>Flagget som kroppskartet viser områdene til</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regions of</source>
        <translation>&amp;Områder for</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Tick a flag to mark the regions it concerns.</source>
        <translation>Kryss av for et flagg for å markere områdene det gjelder.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: no region chosen, so it concerns the whole body. Click the regions it concerns (or Tab, arrows and Space).</source>
        <translation>%1: ingen områder valgt, så det gjelder hele kroppen. Klikk på områdene det gjelder (eller bruk Tab, piltastene og mellomrom).</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_pages.py" line="-123"/>
        <source>Clinic</source>
        <translation>Klinikk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What patients see in their calendar files and on their plan cards: whom they are booked with and whom to call.</source>
        <translation>Det pasientene ser i kalenderfilene og på plankortene sine: hvem de er bestilt hos, og hvem de skal ringe.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-post:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ddress:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New patients&apos; calendar files, e-mails and plan cards start in this language (each patient&apos;s record can choose another); practitioners&apos; calendars use it.</source>
        <translation>Nye pasienters kalenderfiler, e-poster og timeoversikter starter på dette språket (hver pasient kan velge et annet); behandlernes kalendere bruker det.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language of the clinic&apos;s documents</source>
        <translation>Språket i klinikkens dokumenter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents&apos; &amp;language:</source>
        <translation>&amp;Språk i dokumenter:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Disca&amp;rd changes</source>
        <translation>Forkast endringe&amp;r</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The clinic&apos;s details are saved.</source>
        <translation>Klinikkens opplysninger er lagret.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the clinic&apos;s name: patients&apos; calendar files show it.</source>
        <translation>Skriv inn klinikkens navn: det står i pasientenes kalenderfiler.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+6"/>
        <source>Locations</source>
        <translation>Steder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New lo&amp;cation</source>
        <translation>Nytt ste&amp;d</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Oslo sentrum</source>
        <translation>f.eks. Oslo sentrum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Street, postcode and town</source>
        <translation>Gate, postnummer og sted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number patients of this location call</source>
        <translation>Nummeret pasientene ved dette stedet ringer</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../src/planner/ui/dialogs/setup_staff.py" line="-16"/>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add&amp;ress:</source>
        <translation>Ad&amp;resse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phon&amp;e:</source>
        <translation>T&amp;elefon:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time &amp;zone:</source>
        <translation>Tids&amp;sone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday c&amp;ountry:</source>
        <translation>Helligdags&amp;kalender:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subdi&amp;vision:</source>
        <translation>&amp;Område i landet:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening hours (leave a day empty when it is closed):</source>
        <translation>Åpningstider (la en dag stå tom når det er stengt):</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../src/planner/ui/dialogs/setup_staff.py" line="+18"/>
        <source>&amp;Discard changes</source>
        <translation>&amp;Forkast endringer</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>A new location</source>
        <translation>Nytt sted</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>give the opening hours of at least one day</source>
        <translation>oppgi åpningstidene for minst én dag</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+171"/>
        <location filename="../../src/planner/ui/dialogs/setup_staff.py" line="+244"/>
        <source>%1 is added.</source>
        <translation>%1 er lagt til.</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>%1 is saved.</source>
        <translation>%1 er lagret.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add the first location: its name, time zone and opening hours, then Next.</source>
        <translation>Legg til det første stedet: navn, tidssone og åpningstider, og så Neste.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+20"/>
        <source>Rooms</source>
        <translation>Rom</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Treatment rooms are optional: with rooms, a session books a room as well as a practitioner, and the week can show the rooms&apos; columns.</source>
        <translation>Behandlingsrom er valgfrie: med rom bestiller en time både et rom og en behandler, og uken kan vise rommene i kolonner.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Roo&amp;ms:</source>
        <translation>Ro&amp;m:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Room 1</source>
        <translation>f.eks. Rom 1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Room &amp;name:</source>
        <translation>Rommets &amp;navn:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add room</source>
        <translation>&amp;Legg til rom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rename</source>
        <translation>&amp;Gi nytt navn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remo&amp;ve</source>
        <translation>&amp;Fjern</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>add a location first: rooms belong to a location</source>
        <translation>legg til et sted først: rom hører til et sted</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Renamed to %1.</source>
        <translation>Nytt navn: %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is removed.</source>
        <translation>%1 er fjernet.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/setup_staff.py" line="-283"/>
        <location line="+8"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="-6"/>
        <source>Practitioners</source>
        <translation>Behandlere</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New practitione&amp;r</source>
        <translation>Ny be&amp;handler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Ingrid Hansen</source>
        <translation>f.eks. Ingrid Hansen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>May n&amp;eedle (licensed and trained in needling)</source>
        <translation>Kan bruke n&amp;åler (autorisert og opplært i nålebehandling)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name@example.no</source>
        <translation>navn@example.no</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. +47 900 00 000</source>
        <translation>f.eks. +47 900 00 000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Professi&amp;on:</source>
        <translation>&amp;Yrke:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-m&amp;ail:</source>
        <translation>&amp;E-post:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contact phone:</source>
        <translation>&amp;Kontakttelefon:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where they work, and their hours there (an empty day is a day off):</source>
        <translation>Hvor behandleren arbeider, og arbeidstidene der (en tom dag er en fridag):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a location first: a practitioner works at one.</source>
        <translation>Legg til et sted først: en behandler arbeider ved et sted.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Wor&amp;ks at %1</source>
        <translation>&amp;Arbeider ved %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day off</source>
        <translation>fri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as openin&amp;g hours</source>
        <translation>Som åpnin&amp;gstidene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is open %2</source>
        <translation>%1 har åpent %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is open %2.</source>
        <translation>%1 har åpent %2.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>A %1 cannot be licensed to needle</source>
        <translation>En %1 kan ikke autoriseres for nålebehandling</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>A new practitioner</source>
        <translation>Ny behandler</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1, %2</source>
        <comment>a location, a problem with its hours</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give the hours they work at %1, or clear &apos;Works at %1&apos;</source>
        <translation>oppgi arbeidstidene ved %1, eller fjern krysset for «Arbeider ved %1»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tick &apos;Works at&apos; for at least one location, with the hours there</source>
        <translation>kryss av for «Arbeider ved» for minst ett sted, med arbeidstidene der</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Publishing to %1…</source>
        <translation>Publiserer til %1 …</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add the first practitioner: name, profession and hours, then Next.</source>
        <translation>Legg til den første behandleren: navn, yrke og arbeidstider, og så Neste.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/main_window.py" line="-496"/>
        <source>This database has no clinic yet.

Set up your clinic from Clinic ▸ Locations and rooms… and Clinic ▸ Practitioners…, or try the demo clinic from File ▸ Create demo clinic…</source>
        <translation>Denne databasen har ingen klinikk ennå.

Sett opp klinikken fra Klinikk ▸ Steder og rom… og Klinikk ▸ Behandlere…, eller prøv demoklinikken fra Fil ▸ Lag demoklinikk…</translation>
    </message>
    <message>
        <location line="+109"/>
        <location line="+308"/>
        <source>Opening the database…</source>
        <translation>Åpner databasen…</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>planner cannot open the database</source>
        <translation>planner kan ikke åpne databasen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Backing up the database…</source>
        <translation>Tar sikkerhetskopi av databasen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backup not made: %1</source>
        <translation>Sikkerhetskopi ikke tatt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup made and checked: %1</source>
        <translation>Sikkerhetskopi tatt og kontrollert: %1</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The schedule could not be loaded.</source>
        <translation>Timeplanen kunne ikke lastes.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select a session first: click it, or use the arrow keys in the schedule</source>
        <translation>Velg en time først: klikk på den, eller bruk piltastene i timeplanen</translation>
    </message>
    <message>
        <location line="+141"/>
        <location line="+93"/>
        <location line="+124"/>
        <source>Set up a location first (or create the demo clinic)</source>
        <translation>Sett opp et sted først (eller lag demoklinikken)</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Waitlist</source>
        <translation>Venteliste</translation>
    </message>
    <message>
        <location line="+71"/>
        <location filename="../../src/planner/ui/waitlist_panel.py" line="-95"/>
        <source>Nothing fits %1 now; the entry stays on the waitlist</source>
        <translation>Ingenting passer for %1 nå; oppføringen blir stående på ventelisten</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Find the patient first (Ctrl+F), then edit them (Ctrl+Alt+E)</source>
        <translation>Finn pasienten først (Ctrl+F), og rediger deretter (Ctrl+Alt+E)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Find the patient first (Ctrl+F), then see their history</source>
        <translation>Finn pasienten først (Ctrl+F), og se deretter historikken</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/history_model.py" line="+1"/>
        <source>Desk</source>
        <translation>Maskin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Bruker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before → after</source>
        <translation>Før → etter</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/move_preview_model.py" line="+1"/>
        <source>Now</source>
        <translation>Nå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New time</source>
        <translation>Ny tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/models/patient_models.py" line="+70"/>
        <location filename="../../src/planner/ui/models/proposal_model.py" line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/models/proposal_model.py" line="+1"/>
        <source>Why</source>
        <translation>Hvorfor</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/outbox_model.py" line="-20"/>
        <source>calendar update</source>
        <translation>kalenderoppdatering</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tries</source>
        <translation>Forsøk</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/patient_models.py" line="-116"/>
        <source>next %1 %2</source>
        <translation>neste %1 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>born ?</source>
        <translation>født ?</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="+366"/>
        <source>chart %1</source>
        <translation>journal %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (booked)</source>
        <translation>%1 (bestilt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Screening: %1</source>
        <translation>Screening: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 · %2/%3 attended</source>
        <translation>%1 · %2/%3 møtt</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/planner/ui/models/schedule_model.py" line="+136"/>
        <source>Regions: %1</source>
        <translation>Områder: %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 · %2 min with %3 at %4</source>
        <translation>%1 · %2 min hos %3 på %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../src/planner/ui/models/schedule_model.py" line="-9"/>
        <source>Cancelled: %1</source>
        <translation>Avlyst: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (pain %2)</source>
        <translation>%1 (smerte %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Treated: %1</source>
        <translation>Behandlet: %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/progress_model.py" line="+43"/>
        <source>Baseline</source>
        <translation>Utgangsverdi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest</source>
        <translation>Siste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <comment>a column: the change since the baseline</comment>
        <translation>Endring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week 10</source>
        <translation>Uke 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Oppfølging</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The score at the assessment, or the first scored session</source>
        <translation>Skåren ved undersøkelsen, eller første time med skår</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last score after the baseline</source>
        <translation>Siste skår etter utgangsverdien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest against baseline, in per cent of the baseline</source>
        <translation>Siste mot utgangsverdi, i prosent av utgangsverdien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the week-10 reassessment</source>
        <translation>Ved kontrollen i uke 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the 12-month follow-up</source>
        <translation>Ved oppfølgingen etter 12 måneder</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Baseline: its first scored session (not scored at the assessment)</source>
        <translation>Utgangsverdi: første time med skår (ikke skåret ved undersøkelsen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Higher is better</source>
        <translation>Høyere er bedre</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/proposal_model.py" line="+48"/>
        <source>Changed by the last fix</source>
        <translation>Endret av siste retting</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/models/schedule_model.py" line="+12"/>
        <source>&lt;span style=&apos;color:#b3261e&apos;&gt;⚠ Screening flags: check before needling&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b3261e&apos;&gt;⚠ Screeningflagg: sjekk før nålebehandling&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/plan_flags.py" line="+36"/>
        <source>I have &amp;discussed these with the patient and the practitioner; the plan may go ahead</source>
        <translation>Jeg har &amp;drøftet dette med pasienten og behandleren; planen kan gjennomføres</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>⚠ &lt;b&gt;Screening flags.&lt;/b&gt; %1: %2. Needling must be discussed before booking.</source>
        <translation>⚠ &lt;b&gt;Screeningflagg.&lt;/b&gt; %1: %2. Nålebehandling må drøftes før bestilling.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ &lt;b&gt;Screening flags.&lt;/b&gt; %1: %2. The plan targets a flagged region: discuss it before booking.</source>
        <translation>⚠ &lt;b&gt;Screeningflagg.&lt;/b&gt; %1: %2. Planen behandler et flagget område: drøft det før bestilling.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>⚠ &lt;b&gt;Screening flags.&lt;/b&gt; %1. The flagged regions (hatched red on the map) are not targets of this plan; no acknowledgement needed.</source>
        <translation>⚠ &lt;b&gt;Screeningflagg.&lt;/b&gt; %1. De flaggede områdene (rødt skravert på kartet) behandles ikke i denne planen; ingen bekreftelse trengs.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>⚠ &lt;b&gt;Screening flags.&lt;/b&gt; %1. This plan does not use needles; no acknowledgement needed.</source>
        <translation>⚠ &lt;b&gt;Screeningflagg.&lt;/b&gt; %1. Denne planen bruker ikke nåler; ingen bekreftelse trengs.</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/patient_picker.py" line="+50"/>
        <source>Choose patient</source>
        <translation>Velg pasient</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name, phone or date of birth</source>
        <translation>Navn, telefon eller fødselsdato</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="-374"/>
        <source>Find patient</source>
        <translation>Finn pasient</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="+25"/>
        <source>Patients found</source>
        <translation>Pasienter funnet</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="-21"/>
        <source>Ne&amp;w patient…</source>
        <translation>&amp;Ny pasient …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a new patient with what is typed above</source>
        <translation>Registrer en ny pasient med det som er skrevet over</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No patient found for “%1” — press %2 to register them</source>
        <translation>Fant ingen pasient for «%1» – trykk %2 for å registrere pasienten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No patient found for “%1”</source>
        <translation>Fant ingen pasient for «%1»</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+40"/>
        <source>Print plan card</source>
        <translation>Skriv ut timeoversikt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>patient</source>
        <comment>a file name</comment>
        <translation>pasient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan-card</source>
        <comment>a file name</comment>
        <translation>timeoversikt</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+87"/>
        <location line="+20"/>
        <source>Plan card</source>
        <translation>Timeoversikt</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>One page for the patient: where, when, with whom, after-care and how to cancel or move a session. No diagnosis, regions or flags are printed.</source>
        <translation>Én side til pasienten: hvor, når, hos hvem, råd etter behandling og hvordan timen avbestilles eller endres. Diagnose, områder og flagg skrives ikke ut.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the plan…</source>
        <translation>Leser planen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan card preview</source>
        <translation>Forhåndsvisning av timeoversikten</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="-84"/>
        <source>Room</source>
        <translation>Rom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole location</source>
        <translation>Hele stedet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No practitioner to list yet.</source>
        <translation>Ingen behandlere å vise ennå.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No room to list yet.</source>
        <translation>Ingen rom å vise ennå.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No location to list yet.</source>
        <translation>Ingen steder å vise ennå.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+39"/>
        <source>Print day list</source>
        <translation>Skriv ut dagsliste</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;List for:</source>
        <translation>&amp;Liste for:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Who:</source>
        <translation>&amp;Hvem:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The day, typed as %1</source>
        <translation>Dagen, skrevet som %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tod&amp;ay</source>
        <translation>I d&amp;ag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To&amp;morrow</source>
        <translation>I &amp;morgen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Day:</source>
        <translation>&amp;Dag:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A4</source>
        <comment>paper size</comment>
        <translation>A4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <comment>paper size</comment>
        <translation>Letter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pape&amp;r:</source>
        <translation>Pap&amp;ir:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>For the clinic only: the list shows patients&apos; dates of birth, phone numbers, regions, screening flags and session notes. Cancelled sessions are counted, not listed.</source>
        <translation>Bare til bruk i klinikken: listen viser pasientenes fødselsdato, telefonnummer, områder, screeningflagg og notater fra timene. Avlyste timer telles, men vises ikke.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading the day…</source>
        <translation>Leser dagen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day list preview</source>
        <translation>Forhåndsvisning av dagslisten</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+11"/>
        <source>&amp;Print…</source>
        <translation>&amp;Skriv ut …</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+2"/>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Lagre som PDF …</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Type the day as %1 to see its list.</source>
        <translation>Skriv dagen som %1 for å se listen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot make the day list: %1</source>
        <translation>Kan ikke lage dagslisten: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1, %2: %3.</source>
        <translation>%1, %2: %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n page(s) on %1.</source>
        <translation>
            <numerusform>%n side på %1.</numerusform>
            <numerusform>%n sider på %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Page %1 of %2</source>
        <translation>Side %1 av %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Day list for %1, %2</source>
        <translation>Dagsliste for %1, %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 sent to the printer (%2)</source>
        <translation>%1 er sendt til skriveren (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save day list</source>
        <translation>Lagre dagsliste</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 saved to %2 (%3)</source>
        <translation>%1 er lagret i %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n side</numerusform>
            <numerusform>%n sider</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+23"/>
        <source>Plan card · %1</source>
        <translation>Timeoversikt · %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot make the card: %1</source>
        <translation>Kan ikke lage timeoversikten: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plan card for %1 sent to the printer</source>
        <translation>Timeoversikten for %1 er sendt til skriveren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save plan card</source>
        <translation>Lagre timeoversikt</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="-16"/>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+2"/>
        <source>PDF files (%1)</source>
        <translation>PDF-filer (%1)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/plan_card_dialog.py" line="+11"/>
        <source>Plan card saved as %1</source>
        <translation>Timeoversikten er lagret som %1</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/progress_dialog.py" line="+46"/>
        <source>Progress of the plan</source>
        <translation>Utvikling i planen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the plan&apos;s scores…</source>
        <translation>Leser planens målinger …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Print plan card…</source>
        <translation>&amp;Skriv ut timeoversikt …</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Progress · %1 · %2</source>
        <translation>Utvikling · %1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot show the progress: %1</source>
        <translation>Kan ikke vise utviklingen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/plan_preview.py" line="+47"/>
        <source>&lt;b&gt;%n&lt;/b&gt; free</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; ledig</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; ledige</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; shifted</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; flyttet</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; flyttet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; to check</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; må sjekkes</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; må sjekkes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; in conflict</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; i konflikt</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; i konflikt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; without a slot</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; uten ledig tid</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; uten ledig tid</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>What the last fix changed</source>
        <translation>Hva den siste rettingen endret</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Taken at another desk</source>
        <translation>Tatt ved en annen pult</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Next free &amp;slot</source>
        <translation>&amp;Neste ledige tid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the plan at the earliest time from which every session is free</source>
        <translation>Start planen på det tidligste tidspunktet der alle timene er ledige</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="-185"/>
        <source>Sh&amp;ift this one</source>
        <translation>Fl&amp;ytt denne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the chosen session, whose time is taken, to the nearest free time that day (or the next free day); the others stay</source>
        <translation>Flytt den valgte timen, der tiden er opptatt, til nærmeste ledige tid samme dag (eller neste ledige dag); de andre blir stående</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;xtend the plan</source>
        <translation>Utvid pl&amp;anen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out a week that falls on a holiday or closure and add one at the end instead</source>
        <translation>Hopp over en uke som faller på en helligdag eller stengt dag, og legg til en uke på slutten i stedet</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+6"/>
        <source>Fix:</source>
        <translation>Rett:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Proposed sessions</source>
        <translation>Foreslåtte timer</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>%1 to %2</source>
        <comment>from a day to a day</comment>
        <translation>%1 til %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+382"/>
        <source>Every session fits.</source>
        <translation>Alle timene passer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not bookable yet: fix the sessions marked in red.</source>
        <translation>Kan ikke bestilles ennå: rett timene som er merket med rødt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: booking records sessions that already took place.</source>
        <translation>%1: bestillingen registrerer timer som allerede har funnet sted.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>&lt;b&gt;%n session(s)&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n time&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n timer&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>free.</source>
        <translation>ledig.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next free slot</source>
        <translation>Neste ledige tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift this one</source>
        <translation>Flytt denne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extend the plan</source>
        <translation>Utvid planen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1: nothing changed.</source>
        <translation>%1: ingenting ble endret.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1: the first session moves from %2 to %3, the first start from which all %n session(s) fit.</source>
        <translation>
            <numerusform>%1: den første timen flyttes fra %2 til %3, den første starten der timen passer.</numerusform>
            <numerusform>%1: den første timen flyttes fra %2 til %3, den første starten der alle %n timene passer.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the first session moves from %2 to %3, the first start from which the most sessions fit.</source>
        <translation>%1: den første timen flyttes fra %2 til %3, den første starten der flest timer passer.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1: the first session moves to %3, the first start from which all %n session(s) fit.</source>
        <translation>
            <numerusform>%1: den første timen flyttes til %3, den første starten der timen passer.</numerusform>
            <numerusform>%1: den første timen flyttes til %3, den første starten der alle %n timene passer.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the first session moves to %3, the first start from which the most sessions fit.</source>
        <translation>%1: den første timen flyttes til %3, den første starten der flest timer passer.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%1: %2; and %n more.</source>
        <translation>
            <numerusform>%1: %2; og %n til.</numerusform>
            <numerusform>%1: %2; og %n til.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2.</source>
        <comment>a fix: what it changed</comment>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="-133"/>
        <source>free</source>
        <comment>a session&apos;s state after a fix</comment>
        <translation>ledig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>still in conflict</source>
        <translation>fortsatt i konflikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no free time</source>
        <translation>ingen ledig tid</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 og %n til</numerusform>
            <numerusform>%1 og %n til</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n session(s) of this preview were just booked at another desk: look again (%1).</source>
        <translation>
            <numerusform>%n time i denne forhåndsvisningen ble nettopp bestilt ved en annen pult: se igjen (%1).</numerusform>
            <numerusform>%n timer i denne forhåndsvisningen ble nettopp bestilt ved en annen pult: se igjen (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="-377"/>
        <source>Report them (nothing moves until fixed)</source>
        <translation>Vis dem (ingenting flyttes før de er rettet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nearest free time the same day</source>
        <translation>Nærmeste ledige tid samme dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Same time on the next free day</source>
        <translation>Samme tid neste ledige dag</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>shifted because %1</source>
        <translation>flyttet fordi %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>shifted</source>
        <comment>a moved session</comment>
        <translation>flyttet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflict: %1</source>
        <translation>konflikt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no time: %1</source>
        <translation>ingen tid: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no free time found</source>
        <translation>fant ingen ledig tid</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Move %1 and the following sessions</source>
        <translation>Flytt %1 og de følgende timene</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3, %4, and the %n booked session(s) after it</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %2 av %3, %4, og den %n bestilte timen etter den</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %2 av %3, %4, og de %n bestilte timene etter den</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>New s&amp;tart of this session:</source>
        <translation>Ny s&amp;tart for denne timen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Practitioner:</source>
        <translation>&amp;Behandler:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Conflicts:</source>
        <translation>&amp;Konflikter:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Next free slot for the &amp;rest</source>
        <translation>Neste ledige tid for r&amp;esten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every session whose time is taken goes to the same time on the next free day</source>
        <translation>Hver time der tiden er opptatt, flyttes til samme tid neste ledige dag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the chosen session goes to its nearest free time</source>
        <translation>Bare den valgte timen flyttes til nærmeste ledige tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xtend past closed days</source>
        <translation>&amp;Hopp over stengte dager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session on a holiday or closure goes a week later, and the rest follow it</source>
        <translation>En time på en helligdag eller stengt dag flyttes en uke senere, og resten følger etter</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Record a &amp;past session (the new start is before now)</source>
        <translation>Registrer en &amp;passert time (ny start er før nå)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Move the sessions</source>
        <translation>&amp;Flytt timene</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Sessions to move</source>
        <translation>Timer som skal flyttes</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/desk.py" line="-613"/>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+49"/>
        <source>The database is still opening</source>
        <translation>Databasen åpnes fortsatt</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+84"/>
        <source>Sessions whose time is taken now go to the same time on the next free day (the changed rows are in bold).</source>
        <translation>Timer der tiden er opptatt, flyttes nå til samme tid neste ledige dag (endrede rader er i fet skrift).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2 → %3, because %4.</source>
        <translation>%1: %2 → %3, fordi %4.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Weeks on closed days are left out: %1 and the sessions after go a week later.</source>
        <translation>Uker med stengte dager hoppes over: %1 og timene etter flyttes en uke senere.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weeks on closed days are left out.</source>
        <translation>Uker med stengte dager hoppes over.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2.</source>
        <comment>a session: why it goes where it goes</comment>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Moving the sessions…</source>
        <translation>Flytter timene …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct the new start: %1</source>
        <translation>Rett den nye starten: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The move cannot be worked out; see above.</source>
        <translation>Flyttingen kan ikke beregnes; se over.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: choose a later start, or tick “Record a past session”.</source>
        <translation>%1: velg en senere start, eller kryss av for «Registrer en passert time».</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n session(s) do not fit: use a fix, or choose another time, practitioner or room.</source>
        <translation>
            <numerusform>%n time passer ikke: bruk en retting, eller velg en annen tid, behandler eller et annet rom.</numerusform>
            <numerusform>%n timer passer ikke: bruk en retting, eller velg en annen tid, behandler eller et annet rom.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Move %1 and following sessions for %2 to %3</source>
        <translation>Flytt %1 og følgende timer for %2 til %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Wait a moment: the last change is still being saved.</source>
        <translation>Vent litt: den forrige endringen lagres fortsatt.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing was moved: %1</source>
        <translation>Ingenting ble flyttet: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not movable yet: fix the sessions marked in red.</source>
        <translation>Kan ikke flyttes ennå: rett timene som er merket med rødt.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>&lt;b&gt;%n session(s)&lt;/b&gt; with %1: %2</source>
        <translation>
            <numerusform>&lt;b&gt;%n time&lt;/b&gt; hos %1: %2</numerusform>
            <numerusform>&lt;b&gt;%n timer&lt;/b&gt; hos %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n free</source>
        <translation>
            <numerusform>%n ledig</numerusform>
            <numerusform>%n ledige</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n shifted</source>
        <translation>
            <numerusform>%n flyttet</numerusform>
            <numerusform>%n flyttet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n i konflikt</numerusform>
            <numerusform>%n i konflikt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n without a time</source>
        <translation>
            <numerusform>%n uten tid</numerusform>
            <numerusform>%n uten tid</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/views/week_painter.py" line="+221"/>
        <source>Busy: %1</source>
        <comment>imported busy time and its summary</comment>
        <translation>Opptatt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Busy</source>
        <comment>imported busy time</comment>
        <translation>Opptatt</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>%1 · needles</source>
        <comment>a practitioner who may needle</comment>
        <translation>%1 · nåler</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/views/week_texts.py" line="+206"/>
        <source>+%n more</source>
        <translation>
            <numerusform>+%n til</numerusform>
            <numerusform>+%n til</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 · no-show</source>
        <comment>a missed session on its block</comment>
        <translation>%1 · ikke møtt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · cancelled</source>
        <comment>a cancelled session on its block</comment>
        <translation>%1 · avlyst</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/body_map.py" line="+123"/>
        <source>Front</source>
        <comment>body map</comment>
        <translation>Forfra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <comment>body map</comment>
        <translation>Bakfra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right</source>
        <comment>body map</comment>
        <translation>Høyre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left</source>
        <comment>body map</comment>
        <translation>Venstre</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Body map</source>
        <translation>Kroppskart</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>chosen</source>
        <comment>a region on the body map</comment>
        <translation>valgt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not chosen</source>
        <comment>a region on the body map</comment>
        <translation>ikke valgt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pain %1</source>
        <comment>a region&apos;s pain score on the body map</comment>
        <translation>smerte %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>screening flag</source>
        <comment>a region on the body map</comment>
        <translation>screeningflagg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <comment>a region on the body map: its state</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click a region (or Tab, arrows and Space) to choose it</source>
        <translation>Klikk på et område (eller bruk Tab, piltaster og mellomrom) for å velge det</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/date_field.py" line="+34"/>
        <location line="+15"/>
        <source>the date</source>
        <translation>datoen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dd.mm.yyyy</source>
        <comment>how to type a date</comment>
        <translation>dd.mm.åååå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the date as dd.mm.yyyy, or press F4 to pick it</source>
        <translation>Skriv datoen som dd.mm.åååå, eller trykk F4 for å velge den</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pick %1 from a calendar</source>
        <translation>Velg %1 i en kalender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick from a calendar (F4)</source>
        <translation>Velg i kalender (F4)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/hours_editor.py" line="+45"/>
        <source>&amp;Monday</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Mandag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tuesday</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Tirsdag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wednesday</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Onsdag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;hursday</source>
        <comment>a row of the hours editor</comment>
        <translation>To&amp;rsdag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fr&amp;iday</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Fredag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat&amp;urday</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Lørdag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sunda&amp;y</source>
        <comment>a row of the hours editor</comment>
        <translation>&amp;Søndag</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: &apos;%2&apos; is not a time of day</source>
        <comment>hours of a weekday</comment>
        <translation>%1: «%2» er ikke et klokkeslett</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: cannot read the time &apos;%2&apos;; write it as 08:30</source>
        <comment>hours of a weekday</comment>
        <translation>%1: kan ikke lese klokkeslettet «%2»; skriv det som 08:30</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>closed</source>
        <comment>a day in the hours editor</comment>
        <translation>stengt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From-to</source>
        <comment>the first span of a day&apos;s hours</comment>
        <translation>Fra–til</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>and (after a break)</source>
        <comment>the second span of a day&apos;s hours</comment>
        <translation>og (etter en pause)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, first span</source>
        <comment>hours of a weekday</comment>
        <translation>%1, første tidsrom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, second span</source>
        <comment>hours of a weekday</comment>
        <translation>%1, andre tidsrom</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Co&amp;py Monday to Tuesday-Friday</source>
        <translation>Kop&amp;ier mandag til tirsdag–fredag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give Tuesday to Friday the hours typed for Monday</source>
        <translation>Gi tirsdag til fredag de samme tidene som mandag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lear all</source>
        <comment>every day of the hours editor</comment>
        <translation>Tøm &amp;alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day closed</source>
        <translation>Alle dager stengt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type the hours as 08:00-16:00; leave both empty for a closed day</source>
        <translation>Skriv tidene som 08:00-16:00; la begge stå tomme for en stengt dag</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: finish the first span as 08:00-16:00, or empty it</source>
        <comment>hours of a weekday</comment>
        <translation>%1: skriv ferdig det første tidsrommet som 08:00-16:00, eller tøm det</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: finish the second span as 08:00-16:00, or empty it</source>
        <comment>hours of a weekday</comment>
        <translation>%1: skriv ferdig det andre tidsrommet som 08:00-16:00, eller tøm det</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 ends before it starts</source>
        <comment>hours of a weekday</comment>
        <translation>%1: %2 slutter før det begynner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 and %3 overlap</source>
        <comment>hours of a weekday</comment>
        <translation>%1: %2 og %3 overlapper</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/legend.py" line="+42"/>
        <source>Flags</source>
        <comment>the legend: an orange corner marks screening flags</comment>
        <translation>Flagg</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Each block carries its kind&apos;s letter: %1 assessment, %2 treatment, %3 reassessment, %4 follow-up; ✓ attended (faded), ✗ no-show (hatched red), – cancelled (dashed); an orange corner marks screening flags</source>
        <translation>Hver time viser bokstaven for sin type: %1 undersøkelse, %2 behandling, %3 kontroll, %4 oppfølging; ✓ møtt (blek), ✗ ikke møtt (rødt skravert), – avlyst (stiplet); et oransje hjørne viser screeningflagg</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="-6"/>
        <source>Find patient: name, phone or date of birth  (Ctrl+F)</source>
        <translation>Finn pasient: navn, telefon eller fødselsdato  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name, phone digits, chart number or date of birth (13.05.1973)</source>
        <translation>Navn, telefonsifre, journalnummer eller fødselsdato (13.05.1973)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register a new patient, with what is typed above filled in (Ctrl+Alt+N)</source>
        <translation>Registrer en ny pasient, med det som er skrevet over fylt inn (Ctrl+Alt+N)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No patient found</source>
        <translation>Ingen pasient funnet</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Screening flags</source>
        <translation>Screeningflagg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edi&amp;t patient…</source>
        <translation>&amp;Endre pasient …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change this patient&apos;s details, screening flags or notes (Ctrl+Alt+E)</source>
        <translation>Endre pasientens opplysninger, screeningflagg eller notater (Ctrl+Alt+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New plan…</source>
        <comment>a button of the patient panel</comment>
        <translation>Ny &amp;plan …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book a treatment plan for this patient (Ctrl+N)</source>
        <translation>Bestill en behandlingsplan for denne pasienten (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport calendar…</source>
        <comment>a button of the patient panel</comment>
        <translation>E&amp;ksporter kalender …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this patient&apos;s sessions as an .ics file (Ctrl+E)</source>
        <translation>Lagre pasientens timer som en .ics-fil (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>H&amp;istory…</source>
        <comment>a button of the patient panel</comment>
        <translation>H&amp;istorikk …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who changed this patient&apos;s details, plans and sessions, when and at which desk (Ctrl+Alt+H)</source>
        <translation>Hvem som endret pasientens opplysninger, planer og timer, når og ved hvilken skranke (Ctrl+Alt+H)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Plans</source>
        <comment>the patient panel&apos;s list</comment>
        <translation>Planer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sessions</source>
        <comment>the patient panel&apos;s list</comment>
        <translation>Timer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;History of this session…</source>
        <translation>&amp;Historikk for denne timen …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Plans&lt;/b&gt;</source>
        <translation>&lt;b&gt;Planer&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Sessions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Timer&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Pro&amp;gress…</source>
        <comment>a plan&apos;s progress</comment>
        <translation>&amp;Utvikling …</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/actions.py" line="+26"/>
        <source>Find a patient</source>
        <translation>Finn en pasient</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+F, then ↓ and Enter</source>
        <translation>Ctrl+F, så ↓ og Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New patient · edit the patient shown</source>
        <translation>Ny pasient · rediger pasienten som vises</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New plan for the patient</source>
        <translation>Ny behandlingsplan for pasienten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The waitlist: who waits, what fits now</source>
        <translation>Ventelisten: hvem som venter, hva som passer nå</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose an empty time · book there</source>
        <translation>Velg en ledig tid · bestill der</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift+arrow keys · Enter (or double-click)</source>
        <translation>Shift+piltaster · Enter (eller dobbeltklikk)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today · previous · next</source>
        <translation>I dag · forrige · neste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to a date</source>
        <translation>Gå til en dato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week view · day view</source>
        <translation>Ukevisning · dagvisning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide or show the side panel</source>
        <translation>Skjul eller vis sidepanelet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F9 or Ctrl+B</source>
        <translation>F9 eller Ctrl+B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus the schedule · choose a session</source>
        <translation>Gå til timeplanen · velg en time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+S · arrow keys</source>
        <translation>Ctrl+Shift+S · piltaster</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session menu</source>
        <translation>Timemenyen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Menu key or Shift+F10</source>
        <translation>Menytasten eller Shift+F10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move · cancel</source>
        <translation>Flytt · avlys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended · no-show</source>
        <translation>Møtt · ikke møtt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session&apos;s plan: progress</source>
        <translation>Timens plan: utvikling</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who changed it: the session · the patient shown</source>
        <translation>Hvem endret: timen · pasienten som vises</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print a day list</source>
        <translation>Skriv ut en dagsliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export calendar · import</source>
        <translation>Eksporter kalender · importer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbox: e-mails on their way</source>
        <translation>Utboks: e-post på vei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo · redo</source>
        <translation>Angre · gjør om</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;New plan…</source>
        <translation>&amp;Ny behandlingsplan…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Book a treatment plan or a single session</source>
        <translation>Bestill en behandlingsplan eller én enkelt time</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Waitlist…</source>
        <translation>&amp;Venteliste…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patients waiting for a series, and the best time that fits each now</source>
        <translation>Pasienter som venter på en behandlingsserie, og det beste tidspunktet som passer for hver nå</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New pa&amp;tient…</source>
        <translation>Ny &amp;pasient…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Register a new patient</source>
        <translation>Registrer en ny pasient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit p&amp;atient…</source>
        <translation>&amp;Rediger pasient…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the details of the patient shown</source>
        <translation>Endre opplysningene om pasienten som vises</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print day &amp;list…</source>
        <translation>Skriv ut &amp;dagsliste…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A practitioner&apos;s, room&apos;s or location&apos;s sessions of one day, to print or save as PDF</source>
        <translation>Timene én dag for en behandler, et rom eller et sted, til utskrift eller som PDF</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Clinic details…</source>
        <translation>&amp;Klinikkopplysninger…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The clinic&apos;s name, phone, e-mail, address</source>
        <translation>Klinikkens navn, telefon, e-post og adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Locations and rooms…</source>
        <translation>&amp;Steder og rom…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Practitioners…</source>
        <translation>&amp;Behandlere…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cl&amp;osures…</source>
        <translation>S&amp;tengte dager…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days a location is closed, and the sessions</source>
        <translation>Dager et sted er stengt, og timene da</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export calendar…</source>
        <translation>&amp;Eksporter kalender…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save sessions as an .ics file</source>
        <translation>Lagre timer som en .ics-fil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import busy or closure calendar…</source>
        <translation>&amp;Importer kalender med opptatt tid eller stengte dager…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out&amp;box…</source>
        <translation>&amp;Utboks…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail invitations and calendar updates: waiting, queued, sent or failed</source>
        <translation>E-postinvitasjoner og kalenderoppdateringer: venter, i kø, sendt eller feilet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Ta sikkerhetskopi nå</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A checked copy of the database in the backup folder (Settings, Backups)</source>
        <translation>En kontrollert kopi av databasen i mappen for sikkerhetskopier (Innstillinger, Sikkerhetskopier)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create &amp;demo clinic…</source>
        <translation>Lag demo&amp;klinikk…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>Innstillin&amp;ger…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find patient</source>
        <translation>&amp;Finn pasient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Today</source>
        <translation>&amp;I dag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to today (Ctrl+T)</source>
        <translation>Gå til i dag (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous</source>
        <translation>&amp;Forrige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous week or day (Alt+Left, Page Up)</source>
        <translation>Forrige uke eller dag (Alt+venstre, Page Up)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next</source>
        <translation>&amp;Neste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next week or day (Alt+Right, Page Down)</source>
        <translation>Neste uke eller dag (Alt+høyre, Page Down)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go to date…</source>
        <translation>&amp;Gå til dato…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to a date (Ctrl+G)</source>
        <translation>Gå til en dato (Ctrl+G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Week</source>
        <translation>&amp;Uke</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Week view (Ctrl+1)</source>
        <translation>Ukevisning (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Day</source>
        <translation>&amp;Dag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Day view (Ctrl+2)</source>
        <translation>Dagvisning (Ctrl+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;cancelled sessions</source>
        <translation>Vis &amp;avlyste timer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show practitioners who are &amp;off</source>
        <translation>Vis &amp;behandlere som har fri</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the day view, also the practitioners with no hours and no sessions that day</source>
        <translation>I dagvisningen også behandlerne som ikke har arbeidstid eller timer den dagen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S&amp;ide panel</source>
        <translation>&amp;Sidepanel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide or show the patient panel (F9) for a wider week</source>
        <translation>Skjul eller vis pasientpanelet (F9) for en bredere uke</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Focus the &amp;schedule</source>
        <translation>Gå til &amp;timeplanen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Move…</source>
        <translation>&amp;Flytt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel…</source>
        <translation>&amp;Avlys…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark &amp;attended…</source>
        <translation>Marker &amp;møtt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark &amp;no-show</source>
        <translation>Marker &amp;ikke møtt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the &amp;rest of the plan…</source>
        <translation>Avlys &amp;resten av planen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;patient</source>
        <translation>Vis &amp;pasient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan p&amp;rogress…</source>
        <translation>&amp;Utvikling i planen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="-6"/>
        <source>Sessions done and to come, and pain by region against the baseline</source>
        <translation>Timer som er gjennomført og som gjenstår, og smerte per område mot utgangsverdien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print plan c&amp;ard…</source>
        <translation>Skriv ut &amp;timeoversikt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The patient&apos;s one-page plan card: print it or save it as PDF</source>
        <translation>Pasientens timeoversikt på én side: skriv den ut eller lagre den som PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;History…</source>
        <translation>&amp;Historikk…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who changed the selected session, when, at which desk, and what (Ctrl+Shift+H)</source>
        <translation>Hvem som endret den valgte timen, når, ved hvilken skranke, og hva (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient hist&amp;ory…</source>
        <translation>Pasient&amp;historikk…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who changed the shown patient&apos;s details, plans and sessions (Ctrl+Alt+H)</source>
        <translation>Hvem som endret opplysningene, planene og timene til pasienten som vises (Ctrl+Alt+H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Hurtigtaster</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Angre: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Gjør om: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Session</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clinic</source>
        <translation>&amp;Klinikk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/patient_panel.py" line="+2"/>
        <source>Plan &amp;card…</source>
        <translation>&amp;Utskrift …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the patient&apos;s plan card (one page) or save it as PDF</source>
        <translation>Skriv ut pasientens timeoversikt (én side) eller lagre den som PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print plan &amp;card…</source>
        <translation>Skriv ut &amp;timeoversikt …</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Type a few letters of a name, digits of a phone number or a date of birth (13.05.1973) to find a patient.

Their screening flags, plans and sessions show here. A new patient: Ctrl+Alt+N.</source>
        <translation>Skriv noen bokstaver av et navn, sifre i et telefonnummer eller en fødselsdato (13.05.1973) for å finne en pasient.

Screeningflagg, planer og timer vises her. Ny pasient: Ctrl+Alt+N.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>No patient found — press Ctrl+Alt+N to register “%1” as a new patient</source>
        <translation>Ingen pasient funnet – trykk Ctrl+Alt+N for å registrere «%1» som ny pasient</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>&lt;b&gt;⚠ Screening before needling&lt;/b&gt;</source>
        <translation>&lt;b&gt;⚠ Screening før nålebehandling&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Plans&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Planer&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Sessions&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Timer&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/progress_chart.py" line="+88"/>
        <source>No scores yet: they appear as sessions are marked attended.</source>
        <translation>Ingen skårer ennå: de kommer når timer markeres som møtt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Progress chart</source>
        <translation>Utviklingsdiagram</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>baseline</source>
        <comment>over the chart&apos;s baseline session</comment>
        <translation>utgangsverdi</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/progress_panel.py" line="+96"/>
        <source>Done</source>
        <comment>sessions of a plan attended</comment>
        <translation>Gjennomført</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remaining</source>
        <comment>sessions of a plan still to come</comment>
        <translation>Gjenstår</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Change from baseline</source>
        <translation>Endring fra utgangsverdi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Pain by region&lt;/b&gt; (0-10; lower is better)</source>
        <translation>&lt;b&gt;Smerte per område&lt;/b&gt; (0–10; lavere er bedre)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>○ baseline &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#c62828&apos;&gt;✕&lt;/span&gt; no-show &amp;nbsp;·&amp;nbsp; dotted: sessions in between without a score &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#9aa5b1&apos;&gt;grey&lt;/span&gt;: still to come &amp;nbsp;·&amp;nbsp; %1 assessment, 1-9 treatments, %2 reassessment, %3 follow-up</source>
        <translation>○ utgangsverdi &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#c62828&apos;&gt;✕&lt;/span&gt; ikke møtt &amp;nbsp;·&amp;nbsp; prikket: timer imellom uten skår &amp;nbsp;·&amp;nbsp; &lt;span style=&apos;color:#9aa5b1&apos;&gt;grå&lt;/span&gt;: gjenstår &amp;nbsp;·&amp;nbsp; %1 undersøkelse, 1–9 behandlinger, %2 kontroll, %3 oppfølging</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No pain scores yet: they appear as sessions are marked attended.</source>
        <translation>Ingen smerteskårer ennå: de kommer når timer markeres som møtt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Whole-body scores&lt;/b&gt; (0-10; fatigue: lower is better, sleep quality and function: higher is better)</source>
        <translation>&lt;b&gt;Skårer for hele kroppen&lt;/b&gt; (0–10; tretthet: lavere er bedre, søvnkvalitet og funksjon: høyere er bedre)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Figures</source>
        <comment>the progress panel&apos;s table</comment>
        <translation>Tall</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>With %1 at %2 · %3</source>
        <comment>a plan&apos;s practitioner, location and status</comment>
        <translation>Hos %1 på %2 · %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · targets %1</source>
        <comment>a plan&apos;s target regions</comment>
        <translation> · behandlingsområder: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%1 of %n treatment(s) done</source>
        <translation>
            <numerusform>%1 av %n behandling gjennomført</numerusform>
            <numerusform>%1 av %n behandlinger gjennomført</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n session(s) planned in all</source>
        <translation>
            <numerusform>%n time planlagt i alt</numerusform>
            <numerusform>%n timer planlagt i alt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 since baseline %2</source>
        <comment>a region&apos;s change, then its scores in brackets</comment>
        <translation>%1 siden utgangsverdi %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No change from baseline yet: one score so far.</source>
        <translation>Ingen endring fra utgangsverdi ennå: bare én skår så langt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No pain scores yet.</source>
        <translation>Ingen smerteskårer ennå.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Week-10 reassessment</source>
        <translation>Kontroll i uke 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12-month follow-up</source>
        <translation>Oppfølging etter 12 måneder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>* not a target region of the plan</source>
        <translation>* ikke et behandlingsområde i planen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1, %2</source>
        <comment>a session&apos;s date, then its time</comment>
        <translation>%1 kl. %2</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/widgets/region_picker.py" line="+29"/>
        <source>L</source>
        <comment>the left side of a body region (a check box)</comment>
        <translation>V</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R</source>
        <comment>the right side of a body region (a check box)</comment>
        <translation>H</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/backup_status.py" line="+74"/>
        <source>Backups: by the database server</source>
        <translation>Sikkerhetskopier: tas av databaseserveren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PostgreSQL database is backed up with the server&apos;s own tools (pg_dump); see the README, Backups</source>
        <translation>En PostgreSQL-database sikkerhetskopieres med serverens egne verktøy (pg_dump); se README, Backups</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ Backup failed: %1</source>
        <translation>⚠ Sikkerhetskopi feilet: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ No backup yet</source>
        <translation>⚠ Ingen sikkerhetskopi ennå</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No good backup of this database has been made yet</source>
        <translation>Det er ikke tatt noen god sikkerhetskopi av denne databasen ennå</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The last good backup: %1</source>
        <translation>Siste gode sikkerhetskopi: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>⚠ Last backup: %n day(s) ago</source>
        <translation>
            <numerusform>⚠ Siste sikkerhetskopi: for %n dag siden</numerusform>
            <numerusform>⚠ Siste sikkerhetskopi: for %n dager siden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>today</source>
        <comment>the last backup</comment>
        <translation>i dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday</source>
        <comment>the last backup</comment>
        <translation>i går</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup: %1 %2</source>
        <translation>Sikkerhetskopi: %1 %2</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the database is damaged</source>
        <translation>databasen er skadet</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/day_list.py" line="+253"/>
        <source>No sessions booked.</source>
        <translation>Ingen timer bestilt.</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>page %1 of %2</source>
        <translation>side %1 av %2</translation>
    </message>
    <message>
        <location line="+79"/>
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="-9"/>
        <location line="+18"/>
        <source>Day list</source>
        <translation>Dagsliste</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/discard.py" line="+22"/>
        <source>Discard %1?</source>
        <translation>Forkaste %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing has been saved yet.</source>
        <translation>Ingenting er lagret ennå.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard</source>
        <translation>&amp;Forkast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go back</source>
        <translation>&amp;Gå tilbake</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="-110"/>
        <location line="+429"/>
        <source>Add to waitlist</source>
        <translation>Sett på venteliste</translation>
    </message>
    <message>
        <location line="-391"/>
        <source>Why the entry was not added</source>
        <translation>Hvorfor oppføringen ikke ble lagt til</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add to waitlist</source>
        <translation>&amp;Legg til på ventelisten</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Series</source>
        <translation>Behandlingsserie</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Modality</source>
        <translation>Behandlingsform</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>With whom and where</source>
        <translation>Hos hvem og hvor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any location</source>
        <translation>Hvilket som helst sted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An&amp;yone who may give it</source>
        <translation>&amp;Alle som kan gi den</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every practitioner who may give the series; tick names instead to choose</source>
        <translation>Alle behandlere som kan gi behandlingsserien; kryss av navn for å velge i stedet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P&amp;ractitioners:</source>
        <translation>&amp;Behandlere:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When the patient can come</source>
        <translation>Når pasienten kan komme</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+140"/>
        <source>Time span %1</source>
        <translation>Tidsrom %1</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Type the time as 08:00-12:00; leave every span empty for any time</source>
        <translation>Skriv tiden som 08:00-12:00; la alle tidsrom stå tomme for når som helst</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>T&amp;imes:</source>
        <translation>&amp;Tider:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty: any time of day.</source>
        <translation>Tomt: når som helst på dagen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the earliest first session</source>
        <translation>tidligste første time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the latest first session</source>
        <translation>seneste første time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>until it expires</source>
        <translation>til den utløper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Earliest first session:</source>
        <translation>Tidligste &amp;første time:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late&amp;st first session:</source>
        <translation>S&amp;eneste første time:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The entry</source>
        <translation>Oppføringen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the day the entry expires</source>
        <translation>dagen oppføringen utløper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xpires on:</source>
        <translation>&amp;Utløper:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ur&amp;gent: offered a time before the others</source>
        <translation>&amp;Haster: får tilbud om time før de andre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note:</source>
        <translation>&amp;Notat:</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No particular room</source>
        <translation>Ikke noe bestemt rom</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>%1: finish it as 08:00-12:00, or empty it</source>
        <comment>a time span</comment>
        <translation>%1: skriv det ferdig som 08:00-12:00, eller tøm det</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 ends before it starts</source>
        <translation>%1: %2 slutter før det begynner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the time spans overlap: give each time once</source>
        <translation>tidsrommene overlapper: oppgi hver tid én gang</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>choose a patient first</source>
        <translation>velg en pasient først</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tick at least one weekday the patient can come</source>
        <translation>kryss av minst én ukedag pasienten kan komme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tick a practitioner, or Anyone who may give it</source>
        <translation>kryss av en behandler, eller Alle som kan gi den</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the latest first session is before the earliest</source>
        <translation>seneste første time er før den tidligste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the entry would expire in the past: give a later day</source>
        <translation>oppføringen ville utløpe i fortiden: oppgi en senere dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the entry would expire before the earliest first session</source>
        <translation>oppføringen ville utløpe før tidligste første time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the latest first session is in the past</source>
        <translation>seneste første time er i fortiden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the note is too long (at most 2,000 characters)</source>
        <translation>notatet er for langt (høyst 2 000 tegn)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the clinic has no templates: choose a custom cadence</source>
        <translation>klinikken har ingen maler: velg egen frekvens</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not licensed to needle: choose a practitioner who is</source>
        <translation>%1 har ikke lov til å bruke nåler: velg en behandler som har det</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Not added: %1</source>
        <translation>Ikke lagt til: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the waitlist entry you entered</source>
        <translation>oppføringen på ventelisten du skrev inn</translation>
    </message>
    <message>
        <location filename="../../src/planner/ui/waitlist_panel.py" line="-338"/>
        <source>%1 × %2 min, %3 a week (%4)</source>
        <comment>a custom cadence: sessions, length, per week</comment>
        <translation>%1 × %2 min, %3 per uke (%4)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1, %2</source>
        <comment>a location, a room</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>with %1 at %2</source>
        <comment>a waitlist entry: who and where</comment>
        <translation>hos %1 på %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with %1, any location</source>
        <comment>a waitlist entry: who</comment>
        <translation>hos %1, hvilket som helst sted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with anyone who may give it, at %1</source>
        <comment>a waitlist entry: where</comment>
        <translation>hos alle som kan gi den, på %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with anyone who may give it, any location</source>
        <translation>hos alle som kan gi den, hvilket som helst sted</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>any day, any time</source>
        <translation>alle dager, når som helst</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>har ventet %n dag</numerusform>
            <numerusform>har ventet %n dager</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>added today</source>
        <translation>satt på i dag</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 %2 with %3, %n session(s)</source>
        <comment>a waitlist match: day, time, who</comment>
        <translation>
            <numerusform>%1 %2 hos %3, %n time</numerusform>
            <numerusform>%1 %2 hos %3, %n timer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1, %n moved</source>
        <comment>sessions a holiday moved</comment>
        <translation>
            <numerusform>%1, %n flyttet</numerusform>
            <numerusform>%1, %n flyttet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+240"/>
        <source>Nothing fits now</source>
        <translation>Ingenting passer nå</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>Best: %1</source>
        <comment>the best waitlist match</comment>
        <translation>Beste: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 · URGENT</source>
        <comment>a waitlist entry</comment>
        <translation>%1 · HASTER</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2</source>
        <comment>what, with whom and where</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can come %1 · %2</source>
        <comment>the patient&apos;s times · how long waited</comment>
        <translation>Kan komme %1 · %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From the waitlist: the patient can come %1</source>
        <translation>Fra ventelisten: pasienten kan komme %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Waitlist entries</source>
        <translation>Oppføringer på ventelisten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Can&amp;didate:</source>
        <translation>K&amp;andidat:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Candidates</source>
        <translation>Kandidater</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The candidate&apos;s sessions</source>
        <translation>Kandidatens timer</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add…</source>
        <comment>to the waitlist</comment>
        <translation>&amp;Legg til…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put a patient on the waitlist</source>
        <translation>Sett en pasient på ventelisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Book…</source>
        <comment>from the waitlist</comment>
        <translation>&amp;Bestill…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new plan, filled with the candidate chosen (Enter)</source>
        <translation>Ny plan, fylt ut med valgt kandidat (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove…</source>
        <comment>from the waitlist</comment>
        <translation>F&amp;jern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the entry off the waitlist, saying why (Delete)</source>
        <translation>Ta oppføringen av ventelisten, med begrunnelse (Delete)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Match again</source>
        <comment>the waitlist</comment>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Matching every entry against the schedule…</source>
        <translation>Sammenligner hver oppføring med timeplanen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Nothing fits now: the entry stays on the waitlist</source>
        <translation>Ingenting passer nå: oppføringen blir stående på ventelisten</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n waiting · %1 with a time that fits now</source>
        <translation>
            <numerusform>%n venter · %1 med et tidspunkt som passer nå</numerusform>
            <numerusform>%n venter · %1 med et tidspunkt som passer nå</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody is on the waitlist. Add… puts a patient on it.</source>
        <translation>Ingen står på ventelisten. Legg til… setter en pasient på den.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The waitlist could not be matched: %1</source>
        <translation>Ventelisten kunne ikke sammenlignes med timeplanen: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1. %2</source>
        <comment>a numbered candidate</comment>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Not removed: %1</source>
        <translation>Ikke fjernet: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove from the waitlist</source>
        <translation>Fjern fra ventelisten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take %1 (%2) off the waitlist?</source>
        <translation>Ta %1 (%2) av ventelisten?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Why:</source>
        <translation>&amp;Hvorfor:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>booked another way</source>
        <translation>bestilt på annen måte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no longer needed</source>
        <translation>trengs ikke lenger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>found another clinic</source>
        <translation>har funnet en annen klinikk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not be reached</source>
        <translation>fikk ikke tak i pasienten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the entry is removed</source>
        <translation>Hvorfor oppføringen fjernes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>say why (kept with the entry)</source>
        <translation>si hvorfor (lagres med oppføringen)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Remove</source>
        <comment>from the waitlist</comment>
        <translation>&amp;Fjern</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The reason is too long (at most 500 characters).</source>
        <translation>Begrunnelsen er for lang (høyst 500 tegn).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is no longer on the waitlist</source>
        <translation>%1 står ikke lenger på ventelisten</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/waitlist_watch.py" line="+141"/>
        <source>%n waitlist patient(s) fit the time freed by this cancellation</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til tiden som ble ledig ved avlysningen</numerusform>
            <numerusform>%n pasienter på ventelisten passer til tiden som ble ledig ved avlysningen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the time freed by this move</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til tiden som ble ledig ved flyttingen</numerusform>
            <numerusform>%n pasienter på ventelisten passer til tiden som ble ledig ved flyttingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the days of the lifted closure</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til dagene som ikke lenger er stengt</numerusform>
            <numerusform>%n pasienter på ventelisten passer til dagene som ikke lenger er stengt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the changed working hours</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til den endrede arbeidstiden</numerusform>
            <numerusform>%n pasienter på ventelisten passer til den endrede arbeidstiden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the time freed by the new calendar import</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til tiden som ble ledig ved den nye kalenderimporten</numerusform>
            <numerusform>%n pasienter på ventelisten passer til tiden som ble ledig ved den nye kalenderimporten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n waitlist patient(s) fit the time freed by these changes</source>
        <translation>
            <numerusform>%n pasient på ventelisten passer til tiden som ble ledig ved disse endringene</numerusform>
            <numerusform>%n pasienter på ventelisten passer til tiden som ble ledig ved disse endringene</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First: %1</source>
        <translation>Først: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First: %1, %2 %3 with %4</source>
        <comment>the first waitlist patient, the day, time and who</comment>
        <translation>Først: %1, %2 %3 hos %4</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Waitlist patients fit freed time</source>
        <translation>Pasienter på ventelisten passer til ledig tid</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sh&amp;ow</source>
        <translation>Vi&amp;s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the waitlist with this patient chosen</source>
        <translation>Åpne ventelisten med denne pasienten valgt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Boo&amp;k…</source>
        <comment>the waitlist banner</comment>
        <translation>Bestill &amp;denne…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the new plan filled with the best time that fits</source>
        <translation>Åpne ny plan fylt ut med det beste tidspunktet som passer</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Close the note</source>
        <translation>Lukk meldingen</translation>
    </message>
</context>
<context>
    <name>Print Device Input Slot</name>
    <message>
        <location filename="../../src/planner/ui/qt_texts.py" line="+289"/>
        <source>Automatic</source>
        <translation>Automatisk</translation>
    </message>
</context>
<context>
    <name>Print Device Output Bin</name>
    <message>
        <location line="+1"/>
        <source>Automatic</source>
        <translation>Automatisk</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location line="-136"/>
        <source>Folder</source>
        <translation>Mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drive</source>
        <translation>Stasjon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>Ukjent</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <location line="-79"/>
        <source>&amp;Select All</source>
        <translation>&amp;Merk alt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Step up</source>
        <translation>Steg &amp;opp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step &amp;down</source>
        <translation>Steg &amp;ned</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <location line="+213"/>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job Control</source>
        <translation>Jobbkontroll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled &amp;printing:</source>
        <translation>&amp;Planlagt utskrift:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print Immediately</source>
        <translation>Skriv ut straks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold Indefinitely</source>
        <translation>Hold tilbake på ubestemt tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day (06:00 to 17:59)</source>
        <translation>Dag (06:00 til 17:59)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Night (18:00 to 05:59)</source>
        <translation>Natt (18:00 til 05:59)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second Shift (16:00 to 23:59)</source>
        <translation>Andre skift (16:00 til 23:59)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third Shift (00:00 to 07:59)</source>
        <translation>Tredje skift (00:00 til 07:59)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekend (Saturday to Sunday)</source>
        <translation>Helg (lørdag til søndag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specific Time</source>
        <translation>Bestemt tidspunkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing information:</source>
        <translation>&amp;Faktureringsinformasjon:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job &amp;priority:</source>
        <translation>Jobb&amp;prioritet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Banner Pages</source>
        <translation>Bannersider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start:</source>
        <translation>&amp;Start:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;End:</source>
        <translation>Sl&amp;utt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unclassified</source>
        <translation>Ugradert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential</source>
        <translation>Konfidensielt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classified</source>
        <translation>Gradert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret</source>
        <translation>Hemmelig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top Secret</source>
        <translation>Strengt hemmelig</translation>
    </message>
</context>
<context>
    <name>QCupsPrinterSupport</name>
    <message>
        <location line="+2"/>
        <source>Authentication Needed</source>
        <translation>Pålogging kreves</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication needed to use %1.</source>
        <translation>Du må logge på for å bruke %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication needed to use %1 on %2.</source>
        <translation>Du må logge på for å bruke %1 på %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username:</source>
        <translation>Brukernavn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passord:</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <location line="-266"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location line="+86"/>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Fant ikke mappen.
Kontroller at du har skrevet riktig mappenavn.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Fant ikke filen.
Kontroller at du har skrevet riktig filnavn.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 finnes fra før.
Vil du erstatte den?</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Choose</source>
        <translation>&amp;Velg</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New Folder</source>
        <translation>&amp;Ny mappe</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Open</source>
        <translation>&amp;Åpne</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Rename</source>
        <translation>&amp;Gi nytt navn</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation>«%1» er skrivebeskyttet.
Vil du slette den likevel?</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>All Files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>Er du sikker på at du vil slette «%1»?</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Change to detail view mode</source>
        <translation>Bytt til detaljvisning</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Change to list view mode</source>
        <translation>Bytt til listevisning</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not delete directory.</source>
        <translation>Kunne ikke slette mappen.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Create New Folder</source>
        <translation>Lag ny mappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a New Folder</source>
        <translation>Lag en ny mappe</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Detail View</source>
        <translation>Detaljvisning</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Directories</source>
        <translation>Mapper</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Directory:</source>
        <translation>Mappe:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>File &amp;name:</source>
        <translation>Fil&amp;navn:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Find Directory</source>
        <translation>Finn mappe</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Forward</source>
        <translation>Frem</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Go back</source>
        <translation>Gå tilbake</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go forward</source>
        <translation>Gå frem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to the parent directory</source>
        <translation>Gå til overordnet mappe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List View</source>
        <translation>Listevisning</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>List of places and bookmarks</source>
        <translation>Steder og bokmerker</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>New Folder</source>
        <translation>Ny mappe</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Parent Directory</source>
        <translation>Overordnet mappe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recent Places</source>
        <translation>Nylig brukte steder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Save As</source>
        <translation>Lagre som</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Show </source>
        <translation>Vis </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Show &amp;hidden files</source>
        <translation>Vis &amp;skjulte filer</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Sidebar</source>
        <translation>Sidepanel</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Se i:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files of &amp;type:</source>
        <translation>Fil&amp;type:</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <location line="+45"/>
        <source>Computer</source>
        <translation>Datamaskin</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Date Modified</source>
        <translation>Endret</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Størrelse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <location line="-105"/>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Avbryt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without Saving</source>
        <translation>Lukk uten å lagre</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <location line="+7"/>
        <source>Enter a value:</source>
        <translation>Skriv inn en verdi:</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location line="+7"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location line="-14"/>
        <source>Hide Details...</source>
        <translation>Skjul detaljer …</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show Details...</source>
        <translation>Vis detaljer …</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <location line="+214"/>
        <source>Custom</source>
        <translation>Egendefinert</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Form</source>
        <translation>Skjema</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Height:</source>
        <translation>Høyde:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Inches (in)</source>
        <translation>Tommer (in)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Landscape</source>
        <translation>Liggende</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Margins</source>
        <translation>Marger</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Millimeters (mm)</source>
        <translation>Millimeter (mm)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Orientation</source>
        <translation>Retning</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pica (P̸)</source>
        <translation>Pica (P̸)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Didot (DD)</source>
        <translation>Didot (DD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cicero (CC)</source>
        <translation>Cicero (CC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page Layout</source>
        <translation>Sideoppsett</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page &amp;order:</source>
        <translation>Side&amp;rekkefølge:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages &amp;per sheet:</source>
        <translation>Sider &amp;per ark:</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Page size:</source>
        <translation>Sidestørrelse:</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Paper</source>
        <translation>Papir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paper source:</source>
        <translation>Papirkilde:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Points (pt)</source>
        <translation>Punkter (pt)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Portrait</source>
        <translation>Stående</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reverse landscape</source>
        <translation>Omvendt liggende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse portrait</source>
        <translation>Omvendt stående</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Width:</source>
        <translation>Bredde:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>bottom margin</source>
        <translation>nedre marg</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>left margin</source>
        <translation>venstre marg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right margin</source>
        <translation>høyre marg</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>top margin</source>
        <translation>øvre marg</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location line="-233"/>
        <source>&amp;No</source>
        <translation>&amp;Nei</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abort</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Apply</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>N&amp;o to All</source>
        <translation>Nei til a&amp;lle</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset</source>
        <translation>Tilbakestill</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore Defaults</source>
        <translation>Gjenopprett standardverdier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Retry</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save All</source>
        <translation>Lagre alle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Yes to &amp;All</source>
        <translation>Ja til &amp;alle</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <location line="+173"/>
        <source>%1 already exists.
Do you want to overwrite it?</source>
        <translation>%1 finnes fra før.
Vil du skrive over den?</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>%1 is a directory.
Please choose a different file name.</source>
        <translation>%1 er en mappe.
Velg et annet filnavn.</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>&amp;Options &lt;&lt;</source>
        <translation>&amp;Valg &lt;&lt;</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Options &gt;&gt;</source>
        <translation>&amp;Valg &gt;&gt;</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Print</source>
        <translation>&amp;Skriv ut</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All Pages</source>
        <translation>Alle sider</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Even Pages</source>
        <translation>Partallssider</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Odd Pages</source>
        <translation>Oddetallssider</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 does not follow the correct syntax. Please use &apos;,&apos; to separate ranges and pages, &apos;-&apos; to define ranges and make sure ranges do not intersect with each other.</source>
        <translation>%1 har feil format. Bruk «,» mellom sider og sideområder og «-» i et område, og pass på at områdene ikke overlapper hverandre.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>File %1 is not writable.
Please choose a different file name.</source>
        <translation>Du kan ikke skrive til %1.
Velg et annet filnavn.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Invalid Pages Definition</source>
        <translation>Ugyldige sider</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Local file</source>
        <translation>Lokal fil</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print To File ...</source>
        <translation>Skriv ut til fil …</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Print to File (PDF)</source>
        <translation>Skriv ut til fil (PDF)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write PDF file</source>
        <translation>Skriv PDF-fil</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Duplex Settings Conflicts</source>
        <translation>Konflikt i innstillingene for tosidig utskrift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are conflicts in duplex settings. Do you want to fix them?</source>
        <translation>Innstillingene for tosidig utskrift er i konflikt. Vil du rette dem?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Options &apos;Pages Per Sheet&apos; and &apos;Page Set&apos; cannot be used together.
Please turn one of those options off.</source>
        <translation>Valgene «Sider per ark» og «Sidesett» kan ikke brukes sammen.
Slå av ett av dem.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>1 (1x1)</source>
        <translation>1 (1 × 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 (2x1)</source>
        <translation>2 (2 × 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 (2x2)</source>
        <translation>4 (2 × 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 (2x3)</source>
        <translation>6 (2 × 3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>9 (3x3)</source>
        <translation>9 (3 × 3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>16 (4x4)</source>
        <translation>16 (4 × 4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left to Right, Top to Bottom</source>
        <translation>Venstre til høyre, topp til bunn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left to Right, Bottom to Top</source>
        <translation>Venstre til høyre, bunn til topp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right to Left, Top to Bottom</source>
        <translation>Høyre til venstre, topp til bunn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right to Left, Bottom to Top</source>
        <translation>Høyre til venstre, bunn til topp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top to Bottom, Left to Right</source>
        <translation>Topp til bunn, venstre til høyre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top to Bottom, Right to Left</source>
        <translation>Topp til bunn, høyre til venstre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom to Top, Left to Right</source>
        <translation>Bunn til topp, venstre til høyre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom to Top, Right to Left</source>
        <translation>Bunn til topp, høyre til venstre</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <location line="+105"/>
        <source>Page Setup</source>
        <translation>Sideoppsett</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message>
        <location line="-48"/>
        <source>Printer Properties</source>
        <translation>Skriveregenskaper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job Options</source>
        <translation>Jobbvalg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page Setup Conflicts</source>
        <translation>Konflikt i sideoppsettet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are conflicts in page setup options. Do you want to fix them?</source>
        <translation>Noen valg i sideoppsettet er i konflikt. Vil du rette dem?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Advanced Option Conflicts</source>
        <translation>Konflikt i avanserte valg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are conflicts in some advanced options. Do you want to fix them?</source>
        <translation>Noen avanserte valg er i konflikt. Vil du rette dem?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Custom value for %1</source>
        <translation>Egendefinert verdi for %1</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <location line="+3"/>
        <source>Advanced</source>
        <translation>Avansert</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Form</source>
        <translation>Skjema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>Side</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are conflicts in some options. Please fix them.</source>
        <translation>Noen valg er i konflikt. Rett dem.</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <location line="-31"/>
        <source>Collate</source>
        <translation>Sorter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Color</source>
        <translation>Farge</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Color Mode</source>
        <translation>Fargemodus</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Copies</source>
        <translation>Eksemplarer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Page &amp;Set:</source>
        <translation>Sidese&amp;tt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies:</source>
        <translation>Eksemplarer:</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Current Page</source>
        <translation>Denne siden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Double Sided Printing</source>
        <translation>Tosidig utskrift</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Form</source>
        <translation>Skjema</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Grayscale</source>
        <translation>Gråtoner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Long side binding</source>
        <translation>Innbinding på langsiden</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Off</source>
        <translation>Av</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Options</source>
        <translation>Valg</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Output Settings</source>
        <translation>Utskriftsvalg</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Pages</source>
        <translation>Sider</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Pages from</source>
        <translation>Sider fra</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Print all</source>
        <translation>Skriv ut alle</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Print range</source>
        <translation>Utskriftsområde</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reverse</source>
        <translation>Baklengs</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Selection</source>
        <translation>Utvalg</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Short side binding</source>
        <translation>Innbinding på kortsiden</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>to</source>
        <translation>til</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Skriv sider eller sideområder skilt med komma. Et område er to tall med bindestrek mellom. For eksempel skriver 3,5-7,9 ut sidene 3, 5, 6, 7 og 9.</translation>
    </message>
</context>
<context>
    <name>QPrintWidget</name>
    <message>
        <location line="-32"/>
        <source>Form</source>
        <translation>Skjema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer</source>
        <translation>Skriver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;roperties</source>
        <translation>&amp;Egenskaper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>Plassering:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output &amp;file:</source>
        <translation>Utskrifts&amp;fil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>...</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>Forhåndsvis</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <location line="-152"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <location line="+23"/>
        <source>Scroll here</source>
        <translation>Rull hit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left edge</source>
        <translation>Venstre kant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top</source>
        <translation>Øverst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right edge</source>
        <translation>Høyre kant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom</source>
        <translation>Nederst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page left</source>
        <translation>Side til venstre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page up</source>
        <translation>Side opp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page right</source>
        <translation>Side til høyre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page down</source>
        <translation>Side ned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll left</source>
        <translation>Rull til venstre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll up</source>
        <translation>Rull opp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll right</source>
        <translation>Rull til høyre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll down</source>
        <translation>Rull ned</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <location line="+2"/>
        <source>Scroll Left</source>
        <translation>Rull til venstre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll Right</source>
        <translation>Rull til høyre</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <location line="-25"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy &amp;Link Location</source>
        <translation>Kopier &amp;lenkeadresse</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
</TS>
