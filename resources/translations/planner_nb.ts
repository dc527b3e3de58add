<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
    <context>
        <name>QPlatformTheme</name>
        <message>
            <location filename="../../src/planner/ui/qt_texts.py" line="+16" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Avbryt</translation>
        </message>
    </context>
</TS>
