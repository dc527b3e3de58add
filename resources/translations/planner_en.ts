<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name></name>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/export_dialog.py" line="+456"/>
        <source>Last sent to %1 on %2 (%3, %n event(s))</source>
        <translation>
            <numerusform>Last sent to %1 on %2 (%3, %n event)</numerusform>
            <numerusform>Last sent to %1 on %2 (%3, %n events)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+127"/>
        <location filename="../../src/planner/ui/dialogs/import_dialog.py" line="+243"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/main_window.py" line="+578"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/free_time.py" line="+190"/>
        <source>%n free start(s) in the next %1 weeks; every session of the plan fits from each.</source>
        <translation>
            <numerusform>%n free start in the next %1 weeks; every session of the plan fits from it.</numerusform>
            <numerusform>%n free starts in the next %1 weeks; every session of the plan fits from each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/history_dialog.py" line="+175"/>
        <source>The latest %n change(s), oldest first.</source>
        <translation>
            <numerusform>The latest %n change, oldest first.</numerusform>
            <numerusform>The latest %n changes, oldest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s), oldest first.</source>
        <translation>
            <numerusform>%n change, oldest first.</numerusform>
            <numerusform>%n changes, oldest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/import_dialog.py" line="-9"/>
        <source>%n busy time(s)</source>
        <translation>
            <numerusform>%n busy time</numerusform>
            <numerusform>%n busy times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n closed day(s)</source>
        <translation>
            <numerusform>%n closed day</numerusform>
            <numerusform>%n closed days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Replaced %n from the earlier import of this calendar.</source>
        <translation>
            <numerusform>Replaced %n from the earlier import of this calendar.</numerusform>
            <numerusform>Replaced %n from the earlier import of this calendar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Left out %n item(s):</source>
        <translation>
            <numerusform>Left out %n item:</numerusform>
            <numerusform>Left out %n items:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>• … and %n more (planner import --json lists them all)</source>
        <translation>
            <numerusform>• … and %n more (planner import --json lists them all)</numerusform>
            <numerusform>• … and %n more (planner import --json lists them all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>⚠ %n booked session(s) now clash; move or cancel them:</source>
        <translation>
            <numerusform>⚠ %n booked session now clashes; move or cancel it:</numerusform>
            <numerusform>⚠ %n booked sessions now clash; move or cancel them:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/new_plan.py" line="+400"/>
        <source>&amp;Book %n session(s)</source>
        <translation>
            <numerusform>&amp;Book %n session</numerusform>
            <numerusform>&amp;Book %n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n session(s) do(es) not fit: use a fix or change the plan.</source>
        <translation>
            <numerusform>%n session does not fit: use a fix or change the plan.</numerusform>
            <numerusform>%n sessions do not fit: use a fix or change the plan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/outbox_dialog.py" line="+312"/>
        <source>%n row(s) chosen.</source>
        <translation>
            <numerusform>%n row chosen.</numerusform>
            <numerusform>%n rows chosen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <location filename="../../src/planner/ui/models/outbox_model.py" line="+129"/>
        <source>%1 (%n session(s))</source>
        <translation>
            <numerusform>%1 (%n session)</numerusform>
            <numerusform>%1 (%n sessions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1; %n tries</source>
        <translation>
            <numerusform>%1; %n try</numerusform>
            <numerusform>%1; %n tries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%n message(s) back in the queue: sent on the next run, or now with Send now.</source>
        <translation>
            <numerusform>%n message back in the queue: sent on the next run, or now with Send now.</numerusform>
            <numerusform>%n messages back in the queue: sent on the next run, or now with Send now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/session_dialogs.py" line="+126"/>
        <source>This and the &amp;following %n booked session(s) of the plan, by the same shift</source>
        <translation>
            <numerusform>This and the &amp;following %n booked session of the plan, by the same shift</numerusform>
            <numerusform>This and the &amp;following %n booked sessions of the plan, by the same shift</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+87"/>
        <source>&amp;Add a session at the end so the plan keeps its %n %1 sessions</source>
        <translation>
            <numerusform>&amp;Add a session at the end so the plan keeps its %n %1 session</numerusform>
            <numerusform>&amp;Add a session at the end so the plan keeps its %n %1 sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/settings_dialog.py" line="+102"/>
        <location filename="../../src/planner/ui/settings.py" line="+150"/>
        <source>%n day(s) before</source>
        <translation>
            <numerusform>%n day before</numerusform>
            <numerusform>%n days before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location filename="../../src/planner/ui/settings.py" line="+2"/>
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n hour before</numerusform>
            <numerusform>%n hours before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/settings.py" line="+1"/>
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minute before</numerusform>
            <numerusform>%n minutes before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/live.py" line="+267"/>
        <source>%n other desks</source>
        <translation>
            <numerusform>%n other desk</numerusform>
            <numerusform>%n other desks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/outbox_sender.py" line="+67"/>
        <source>E-mail not sent yet: %1; retrying (and %n more problem(s))</source>
        <translation>
            <numerusform>E-mail not sent yet: %1; retrying (and %n more problem)</numerusform>
            <numerusform>E-mail not sent yet: %1; retrying (and %n more problems)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>E-mail not sent: %1 (and %n more problem(s)). See File ▸ Outbox…</source>
        <translation>
            <numerusform>E-mail not sent: %1 (and %n more problem). See File ▸ Outbox…</numerusform>
            <numerusform>E-mail not sent: %1 (and %n more problems). See File ▸ Outbox…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/views/schedule_view.py" line="+492"/>
        <source>%n more at this time (click or use the arrow keys to select):</source>
        <translation>
            <numerusform>%n more at this time (click or use the arrow keys to select):</numerusform>
            <numerusform>%n more at this time (click or use the arrow keys to select):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/patient_dialog.py" line="+98"/>
        <source>Is this the same person? %n more patient(s) are alike too.</source>
        <translation>
            <numerusform>Is this the same person? %n more patient is alike too.</numerusform>
            <numerusform>Is this the same person? %n more patients are alike too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+296"/>
        <source>%1, %n year(s) old</source>
        <translation>
            <numerusform>%1, %n year old</numerusform>
            <numerusform>%1, %n years old</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/prompts.py" line="+58"/>
        <source>The plan has %n more booked session(s) after this one. Move them by the same shift too?</source>
        <translation>
            <numerusform>The plan has %n more booked session after this one. Move it by the same shift too?</numerusform>
            <numerusform>The plan has %n more booked sessions after this one. Move them by the same shift too?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/setup_closures.py" line="+65"/>
        <source>(%n booked session(s))</source>
        <translation>
            <numerusform>(%n booked session)</numerusform>
            <numerusform>(%n booked sessions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+169"/>
        <source>%n booked session(s) on %1: open each to move or cancel it (Enter on a row opens it too).</source>
        <translation>
            <numerusform>%n booked session on %1: open it to move or cancel it (Enter on a row opens it too).</numerusform>
            <numerusform>%n booked sessions on %1: open each to move or cancel it (Enter on a row opens it too).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>Closed %1. It hits %n booked session(s): see below.</source>
        <translation>
            <numerusform>Closed %1. It hits %n booked session: see below.</numerusform>
            <numerusform>Closed %1. It hits %n booked sessions: see below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/plan_form.py" line="+152"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+161"/>
        <source>%1  (%n session(s))</source>
        <translation>
            <numerusform>%1  (%n session)</numerusform>
            <numerusform>%1  (%n sessions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../src/planner/ui/dialogs/waitlist_entry.py" line="+1"/>
        <source>%n a week</source>
        <translation>
            <numerusform>%n a week</numerusform>
            <numerusform>%n a week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>every %n week(s)</source>
        <translation>
            <numerusform>every %n week</numerusform>
            <numerusform>every %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/plan_preview.py" line="+47"/>
        <source>&lt;b&gt;%n&lt;/b&gt; free</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; free</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; free</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; shifted</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; shifted</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; shifted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; to check</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; to check</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; to check</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; in conflict</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; in conflict</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%n&lt;/b&gt; without a slot</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; without a slot</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; without a slot</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+221"/>
        <source>&lt;b&gt;%n session(s)&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n session&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n sessions&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>%1: the first session moves from %2 to %3, the first start from which all %n session(s) fit.</source>
        <translation>
            <numerusform>%1: the first session moves from %2 to %3, the first start from which all %n session fit.</numerusform>
            <numerusform>%1: the first session moves from %2 to %3, the first start from which all %n sessions fit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%1: the first session moves to %3, the first start from which all %n session(s) fit.</source>
        <translation>
            <numerusform>%1: the first session moves to %3, the first start from which all %n session fit.</numerusform>
            <numerusform>%1: the first session moves to %3, the first start from which all %n sessions fit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%1: %2; and %n more.</source>
        <translation>
            <numerusform>%1: %2; and %n more.</numerusform>
            <numerusform>%1: %2; and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n session(s) of this preview were just booked at another desk: look again (%1).</source>
        <translation>
            <numerusform>%n session of this preview was just booked at another desk: look again (%1).</numerusform>
            <numerusform>%n sessions of this preview were just booked at another desk: look again (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/series_move.py" line="+141"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3, %4, and the %n booked session(s) after it</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %2 of %3, %4, and the %n booked session after it</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %2 of %3, %4, and the %n booked sessions after it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+343"/>
        <source>%n session(s) do not fit: use a fix, or choose another time, practitioner or room.</source>
        <translation>
            <numerusform>%n session does not fit: use a fix, or choose another time, practitioner or room.</numerusform>
            <numerusform>%n sessions do not fit: use a fix, or choose another time, practitioner or room.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+101"/>
        <source>&lt;b&gt;%n session(s)&lt;/b&gt; with %1: %2</source>
        <translation>
            <numerusform>&lt;b&gt;%n session&lt;/b&gt; with %1: %2</numerusform>
            <numerusform>&lt;b&gt;%n sessions&lt;/b&gt; with %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n free</source>
        <translation>
            <numerusform>%n free</numerusform>
            <numerusform>%n free</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n shifted</source>
        <translation>
            <numerusform>%n shifted</numerusform>
            <numerusform>%n shifted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform>
            <numerusform>%n in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n without a time</source>
        <translation>
            <numerusform>%n without a time</numerusform>
            <numerusform>%n without a time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/views/week_texts.py" line="+206"/>
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/widgets/progress_panel.py" line="+216"/>
        <source>%1 of %n treatment(s) done</source>
        <translation>
            <numerusform>%1 of %n treatment done</numerusform>
            <numerusform>%1 of %n treatments done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n session(s) planned in all</source>
        <translation>
            <numerusform>%n session planned in all</numerusform>
            <numerusform>%n sessions planned in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/backup_status.py" line="+96"/>
        <source>⚠ Last backup: %n day(s) ago</source>
        <translation>
            <numerusform>⚠ Last backup: %n day ago</numerusform>
            <numerusform>⚠ Last backup: %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/dialogs/day_list_dialog.py" line="+387"/>
        <source>%n page(s) on %1.</source>
        <translation>
            <numerusform>%n page on %1.</numerusform>
            <numerusform>%n pages on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/waitlist_panel.py" line="+107"/>
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>waiting %n day</numerusform>
            <numerusform>waiting %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 %2 with %3, %n session(s)</source>
        <comment>a waitlist match: day, time, who</comment>
        <translation>
            <numerusform>%1 %2 with %3, %n session</numerusform>
            <numerusform>%1 %2 with %3, %n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1, %n moved</source>
        <comment>sessions a holiday moved</comment>
        <translation>
            <numerusform>%1, %n moved</numerusform>
            <numerusform>%1, %n moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+204"/>
        <source>%n waiting · %1 with a time that fits now</source>
        <translation>
            <numerusform>%n waiting · %1 with a time that fits now</numerusform>
            <numerusform>%n waiting · %1 with a time that fits now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/planner/ui/waitlist_watch.py" line="+141"/>
        <source>%n waitlist patient(s) fit the time freed by this cancellation</source>
        <translation>
            <numerusform>%n waitlist patient fits the time freed by this cancellation</numerusform>
            <numerusform>%n waitlist patients fit the time freed by this cancellation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the time freed by this move</source>
        <translation>
            <numerusform>%n waitlist patient fits the time freed by this move</numerusform>
            <numerusform>%n waitlist patients fit the time freed by this move</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the days of the lifted closure</source>
        <translation>
            <numerusform>%n waitlist patient fits the days of the lifted closure</numerusform>
            <numerusform>%n waitlist patients fit the days of the lifted closure</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the changed working hours</source>
        <translation>
            <numerusform>%n waitlist patient fits the changed working hours</numerusform>
            <numerusform>%n waitlist patients fit the changed working hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waitlist patient(s) fit the time freed by the new calendar import</source>
        <translation>
            <numerusform>%n waitlist patient fits the time freed by the new calendar import</numerusform>
            <numerusform>%n waitlist patients fit the time freed by the new calendar import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n waitlist patient(s) fit the time freed by these changes</source>
        <translation>
            <numerusform>%n waitlist patient fits the time freed by these changes</numerusform>
            <numerusform>%n waitlist patients fit the time freed by these changes</numerusform>
        </translation>
    </message>
</context>
</TS>
