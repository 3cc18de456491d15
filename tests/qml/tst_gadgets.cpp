// SPDX-License-Identifier: MIT
// The library's value types read from JavaScript (QJSEngine, as QML does):
// every Q_PROPERTY must come through with its real value.
#include <aresnameinfo.h>
#include <aresrecord.h>
#include <arestestrecord.h>

#include <QtQml/qjsengine.h>
#include <QtTest/qtest.h>

class tst_Gadgets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordFromJs_data();
    void recordFromJs();
    void txtFromJs();
    void recordSetFromJs();
    void nameInfoFromJs_data();
    void nameInfoFromJs();
};

static QByteArray mxRdata()
{
    return AresTestRecord::mx(10, QStringLiteral("mx.test")).rdata();
}

void tst_Gadgets::recordFromJs_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("type") << "r.type" << "15";
    QTest::newRow("type-is-enum") << "r.type === 15" << "true";
    QTest::newRow("typeValue") << "r.typeValue" << "15";
    QTest::newRow("typeName") << "r.typeName" << "MX";
    QTest::newRow("ttl") << "r.ttl" << "300";
    QTest::newRow("name") << "r.name" << "a.test";
    QTest::newRow("preference") << "r.preference" << "10";
    QTest::newRow("target") << "r.target" << "mx.test";
    QTest::newRow("json-type") << "JSON.parse(JSON.stringify(r)).type" << "15";
}

void tst_Gadgets::recordFromJs()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QString error;
    const AresRecord record = AresRecord::fromRdata(QStringLiteral("a.test"), AresRecord::MX,
                                                    mxRdata(), 300, 1, &error);
    QVERIFY2(record.isValid(), qPrintable(error));
    QJSEngine engine;
    engine.globalObject().setProperty(QStringLiteral("r"), engine.toScriptValue(record));
    const QJSValue value = engine.evaluate(expression);
    QVERIFY2(!value.isError(), qPrintable(value.toString()));
    QCOMPARE(value.toString(), expected);
}

void tst_Gadgets::txtFromJs()
{
    const QByteArray rdata = AresTestRecord::txt({ "hello", QByteArray("a\0b", 3) }).rdata();
    QString error;
    const AresRecord record =
            AresRecord::fromRdata(QStringLiteral("t.test"), AresRecord::TXT, rdata, 60, 1, &error);
    QVERIFY2(record.isValid(), qPrintable(error));
    QCOMPARE(record.txtStrings(), (QList<QByteArray>{ "hello", QByteArray("a\0b", 3) }));
    QJSEngine engine;
    engine.globalObject().setProperty(QStringLiteral("r"), engine.toScriptValue(record));
    QCOMPARE(engine.evaluate(QStringLiteral("r.txtStrings.length")).toInt(), 2);
    QCOMPARE(engine.evaluate(QStringLiteral("r.txtStrings[0].byteLength")).toInt(), 5);
    QCOMPARE(engine.evaluate(QStringLiteral("new Uint8Array(r.txtStrings[1])[1]")).toInt(),
             0); // NUL kept
    QCOMPARE(engine.evaluate(QStringLiteral("r.text")).toString(),
             QString::fromUtf8("helloa\0b", 8));
}

void tst_Gadgets::recordSetFromJs()
{
    QJSEngine engine;
    engine.globalObject().setProperty(QStringLiteral("s"), engine.toScriptValue(AresRecordSet()));
    QCOMPARE(engine.evaluate(QStringLiteral("s.type")).toString(), QStringLiteral("0"));
    QCOMPARE(engine.evaluate(QStringLiteral("s.records.length")).toString(), QStringLiteral("0"));
}

void tst_Gadgets::nameInfoFromJs_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("hostName") << "n.hostName"
                              << "www.test";
    QTest::newRow("serviceName") << "n.serviceName"
                                 << "https";
    QTest::newRow("addressString") << "n.addressString"
                                   << "2001:db8::1";
    QTest::newRow("port") << "n.port"
                          << "443";
    QTest::newRow("numericHost") << "n.numericHost"
                                 << "true";
    QTest::newRow("error") << "n.error" << QString::number(int(AresError::NoDataError));
    QTest::newRow("errorString") << "n.errorString"
                                 << "no data here";
    QTest::newRow("aresStatus") << "n.aresStatus"
                                << "7";
    QTest::newRow("lookupId") << "n.lookupId"
                              << "42";
}

void tst_Gadgets::nameInfoFromJs()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    AresNameInfo info;
    info.setHostName(QStringLiteral("www.test"));
    info.setServiceName(QStringLiteral("https"));
    info.setAddress(QHostAddress(QStringLiteral("2001:db8::1")));
    info.setPort(443);
    info.setNumericHost(true);
    info.setError(AresError::NoDataError);
    info.setErrorString(QStringLiteral("no data here"));
    info.setAresStatus(7);
    info.setLookupId(42);
    QJSEngine engine;
    engine.globalObject().setProperty(QStringLiteral("n"), engine.toScriptValue(info));
    const QJSValue value = engine.evaluate(expression);
    QVERIFY2(!value.isError(), qPrintable(value.toString()));
    QCOMPARE(value.toString(), expected);
}

QTEST_GUILESS_MAIN(tst_Gadgets)
#include "tst_gadgets.moc"
