// SPDX-License-Identifier: MIT
//
// Every value of the core's enums that QML uses is in QML, under its own key
// and with its own value: QML reads each key of each QMetaEnum of the core
// (AresRecord::Type, QAres::Error, ...) through the QML type that carries it
// (DnsLookup.MX, AresError.NotFoundError, ...). A key missing in QML, or
// shadowed by a QML enum of another value, fails its row.
#include <areserror.h>
#include <aresnameinfo.h>
#include <aresoptions.h>
#include <aresrecord.h>
#include <aresresolver.h>

#include <QtCore/qmetaobject.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qtest.h>

#include <memory>

class tst_QmlEnums : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void coreEnumInQml_data();
    void coreEnumInQml();

private:
    QQmlEngine m_engine;
};

namespace {
// The enum (or the flags of an enum) named \a name in \a metaObject.
QMetaEnum enumNamed(const QMetaObject &metaObject, const char *name)
{
    for (int i = metaObject.enumeratorOffset(); i < metaObject.enumeratorCount(); ++i) {
        const QMetaEnum e = metaObject.enumerator(i);
        if (qstrcmp(e.name(), name) == 0 || qstrcmp(e.enumName(), name) == 0)
            return e;
    }
    return QMetaEnum();
}

// The keys of \a e, in order.
QStringList keysOf(const QMetaEnum &e)
{
    QStringList keys;
    for (int i = 0; i < e.keyCount(); ++i)
        keys.append(QString::fromLatin1(e.key(i)));
    return keys;
}

// "A=1 NS=2 ..." from the core's QMetaEnum.
QString formatCore(const QMetaEnum &e)
{
    QStringList keys;
    for (int i = 0; i < e.keyCount(); ++i)
        keys.append(QString::fromLatin1(e.key(i)) + u'=' + QString::number(e.value(i)));
    return keys.join(u' ');
}
} // namespace

void tst_QmlEnums::initTestCase()
{
    m_engine.addImportPath(QStringLiteral(QARES_QML_DIR));
}

void tst_QmlEnums::coreEnumInQml_data()
{
    QTest::addColumn<QString>("qmlType");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *tag, const char *qmlType, const QMetaObject &mo,
                        const char *name) {
        const QMetaEnum e = enumNamed(mo, name);
        QVERIFY2(e.isValid(), name);
        QVERIFY2(e.keyCount() > 0, name);
        QTest::newRow(tag) << QString::fromLatin1(qmlType) << keysOf(e) << formatCore(e);
    };
    row("record-types", "DnsLookup", AresRecord::staticMetaObject, "Type");
    row("svcparam-keys", "DnsLookup", AresRecord::staticMetaObject, "SvcParamKey");
    row("errors", "AresError", QAres::staticMetaObject, "Error");
    row("nameinfo-flags", "AresNameInfo", AresNameInfo::staticMetaObject, "Flag");
    row("host-flags", "AresHostRequest", AresHostRequest::staticMetaObject, "Flag");
    row("host-socket-types", "AresHostRequest", AresHostRequest::staticMetaObject,
        "SocketType");
    row("lookup-order", "Resolver", AresOptions::staticMetaObject, "LookupOrder");
    row("option-flags", "Resolver", AresOptions::staticMetaObject, "Flag");
    row("encryption-profiles", "Resolver", AresOptions::staticMetaObject,
        "EncryptionProfile");
}

void tst_QmlEnums::coreEnumInQml()
{
    QFETCH(QString, qmlType);
    QFETCH(QStringList, keys);
    QFETCH(QString, expected);

    // One JS expression per key: "KEY=" + Type.KEY ("KEY=undefined" if QML lacks it).
    QStringList terms;
    for (const QString &key : std::as_const(keys))
        terms.append(u'"' + key + QStringLiteral("=\" + ") + qmlType + u'.' + key);
    const QString source = QStringLiteral("import QtQml\nimport QAres\nQtObject {\n"
                                          "    property string values: [")
            + terms.join(QStringLiteral(", ")) + QStringLiteral("].join(\" \")\n}\n");

    QQmlComponent component(&m_engine);
    component.setData(source.toUtf8(), QUrl(QStringLiteral("qrc:/tst_qmlenums.qml")));
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    QCOMPARE(object->property("values").toString(), expected);
}

QTEST_GUILESS_MAIN(tst_QmlEnums)
#include "tst_qmlenums.moc"
