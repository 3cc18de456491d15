// SPDX-License-Identifier: MIT
//
// Runs tst_*.qml with a AresTestServer on 127.0.0.1 whose server string is
// the context property "fakeServer". Nothing leaves loopback.
#include "arestestserver.h"

#include <QtCore/qobject.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

using namespace std::chrono_literals;

namespace {
QByteArray u16(quint16 v)
{
    const char bytes[2] = { char(v >> 8), char(v) };
    return QByteArray(bytes, 2);
}

// One <character-string>: a length octet, then the bytes.
QByteArray characterString(const QByteArray &s)
{
    return char(s.size()) + s;
}

QByteArray addressBytes(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR a = address.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(a.c), 16);
    }
    const quint32 v4 = address.toIPv4Address();
    return u16(quint16(v4 >> 16)) + u16(quint16(v4));
}

// The records the record tests of tst_records.qml read (names under "test").
void addRecordTypes(AresTestServer &server)
{
    enum : quint16 { MX = 15, TXT = 16, SRV = 33, HTTPS = 65, CAA = 257 };
    const auto name = [](const char *n) { return AresTestServer::encodeName(QString::fromLatin1(n)); };
    server.addRecord(QStringLiteral("mx.test"), MX, u16(10) + name("mx1.mx.test"), 3600);
    server.addRecord(QStringLiteral("mx.test"), MX, u16(20) + name("mx2.mx.test"), 1800);
    server.addCname(QStringLiteral("mail.test"), QStringLiteral("mx.test"), 60);
    server.addRecord(QStringLiteral("txt.test"), TXT, characterString("v=spf1 -all"), 120);
    server.addRecord(QStringLiteral("txt.test"), TXT, characterString("hello ") + characterString("world"), 240);
    server.addRecord(QStringLiteral("_sip._tcp.srv.test"), SRV,
                     u16(10) + u16(60) + u16(5060) + name("sip1.srv.test"), 86400);
    server.addRecord(QStringLiteral("_sip._tcp.srv.test"), SRV,
                     u16(20) + u16(0) + u16(5061) + name("sip2.srv.test"), 86400);
    // HTTPS 1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.10 ipv6hint=2001:db8::10
    const QByteArray alpn = characterString("h2") + characterString("h3");
    const QByteArray v4 = addressBytes(QHostAddress(QStringLiteral("192.0.2.10")));
    const QByteArray v6 = addressBytes(QHostAddress(QStringLiteral("2001:db8::10")));
    server.addRecord(QStringLiteral("https.test"), HTTPS,
                     u16(1) + name(".") + u16(1) + u16(quint16(alpn.size())) + alpn + u16(3) + u16(2)
                             + u16(8443) + u16(4) + u16(4) + v4 + u16(6) + u16(16) + v6,
                     300);
    server.addRecord(QStringLiteral("caa.test"), CAA,
                     QByteArray(1, '\0') + characterString("issue") + QByteArray("letsencrypt.org"), 3600);
    // A type without a name (RFC 3597): comes back raw.
    server.addRecord(QStringLiteral("unknown.test"), 64000, QByteArray::fromHex("00ff10"), 42);
}
} // namespace

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        if (!m_server.listen({ QHostAddress::LocalHost }))
            qFatal("cannot start the fake DNS server: %s", qPrintable(m_server.errorString()));
        using Fault = AresTestServer::Fault;
        using Kind = AresTestServer::FaultKind;
        m_server.setSoa(QStringLiteral("test"), 30);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("192.0.2.1")), 300);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("2001:db8::1")), 600);
        m_server.addAddress(QStringLiteral("b.test"), QHostAddress(QStringLiteral("192.0.2.2")), 120);
        m_server.addAddress(QStringLiteral("c.test"), QHostAddress(QStringLiteral("192.0.2.3")), 60);
        m_server.addCname(QStringLiteral("www.test"), QStringLiteral("a.test"), 60);
        m_server.addAddress(QStringLiteral("servfail.test"), QHostAddress(QStringLiteral("192.0.2.9")), 60);
        m_server.setFault(QStringLiteral("servfail.test"), Fault{ Kind::ServFail, 0ms, -1 });
        m_server.setFault(QStringLiteral("drop.test"), Fault{ Kind::Drop, 0ms, -1 });
        m_server.setFault(QStringLiteral("formerr.test"), Fault{ Kind::FormErr, 0ms, -1 });
        for (int i = 0; i < 8; ++i) {
            const QString name = QStringLiteral("slow%1.test").arg(i);
            m_server.addAddress(name, QHostAddress(QStringLiteral("192.0.2.%1").arg(100 + i)), 30);
            m_server.setFault(name, Fault{ Kind::None, 200ms, -1 });
        }
        m_server.addPtr(AresTestServer::reverseName(QHostAddress(QStringLiteral("192.0.2.1"))),
                        QStringLiteral("a.test"), 300);
        addRecordTypes(m_server);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(QARES_QML_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeServer"), m_server.serverString());
    }

private:
    AresTestServer m_server;
};

QUICK_TEST_MAIN_WITH_SETUP(qares_qml, Setup)

#include "tst_qml.moc"
