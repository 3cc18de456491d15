// SPDX-License-Identifier: MIT
// Record queries read c-ares's answer straight into the records of an
// AresRecordSet (RecordAccess::fromAnswer, with the wire reader's
// MessageParser and a sink of its own). It must accept and reject exactly
// what Wire::parseMessage() does, with the same error, offset and detail,
// and hold the same records: every canned reply of tst_dnswire, valid and
// malformed, and every prefix of the valid ones, goes through both.
#include "answer/answerreader_p.h"
#include "aresrecord.h"
#include "aresrecord_p.h"
#include "cannedreplies.h"

#include <QtTest/qtest.h>

namespace Wire = QAresPrivate::Wire;
using QAresPrivate::RecordAccess;
using QAresPrivate::readRecordSet;
using P = PacketBuilder;
using namespace CannedReplies;

namespace {

// Everything an AresRecord shows, on one line.
QString full(const AresRecord &r)
{
    QStringList svc;
    const QMap<quint16, QByteArray> params = r.svcParams();
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        svc.append(
                QStringLiteral("%1=%2").arg(it.key()).arg(QString::fromLatin1(it.value().toHex())));
    QStringList txt;
    for (const QByteArray &s : r.txtStrings())
        txt.append(QString::fromLatin1(s.toHex()));
    return QStringLiteral(
                   "%1 | valid %2 decoded %3 class %4 rdata %5 | %6 %7 %8 %9 | txt %10 | svc %11")
            .arg(r.toString())
            .arg(r.isValid())
            .arg(r.isDecoded())
            .arg(r.recordClass())
            .arg(QString::fromLatin1(r.rdata().toHex()))
            .arg(r.addressString(), r.aceTarget(), r.aceSoaMailbox(),
                 QString::fromLatin1(r.tlsaData().toHex()))
            .arg(txt.join(u','), svc.join(u','));
}

QStringList fromWire(const QList<Wire::Record> &records)
{
    QStringList result;
    for (const Wire::Record &r : records)
        result.append(full(RecordAccess::fromWire(r)));
    return result;
}

QStringList fromSet(const QList<AresRecord> &records)
{
    QStringList result;
    for (const AresRecord &r : records)
        result.append(full(r));
    return result;
}

constexpr quint16 ReportedFlags = Wire::Flag::AA | Wire::Flag::TC | Wire::Flag::RD | Wire::Flag::RA
        | Wire::Flag::AD | Wire::Flag::CD;

// The question's name and type, or a fixed one.
QByteArray questionOf(const QByteArray &packet, quint16 *type)
{
    Wire::Message message;
    Wire::parseMessage(packet, &message);
    *type = message.questions.isEmpty() ? 1 : message.questions.first().type;
    return message.questions.isEmpty() ? QByteArray("none.test") : message.questions.first().name;
}

} // namespace

class tst_AresRecordParse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsMessage_data();
    void sameAsMessage();
    void sameErrorAsMessage_data();
    void sameErrorAsMessage();
    void everyPrefixSameAsMessage_data();
    void everyPrefixSameAsMessage();
    void askedNameAndQuestion_data();
    void askedNameAndQuestion();
    void recordSetOfAnswer();
    void implicitSharing();
    void copyOnWrite();
    void canonicalName_data();
    void canonicalName();
};

void tst_AresRecordParse::sameAsMessage_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("expected");
    messageRows();
}

void tst_AresRecordParse::sameAsMessage()
{
    QFETCH(QByteArray, packet);

    Wire::Message message;
    QVERIFY(Wire::parseMessage(packet, &message).ok());
    quint16 type = 0;
    const QByteArray name = questionOf(packet, &type);
    Wire::ParseResult result;
    result.error = Wire::Error::BadRdata; // overwritten
    const AresRecordSet set = readRecordSet(packet, name, type, QString(), &result);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(set.aceName(), QString::fromLatin1(name));
    QCOMPARE(int(set.type()), int(type));
    QCOMPARE(set.rcode(), message.rcode());
    QCOMPARE(int(set.flags()), message.flags & ReportedFlags);
    QCOMPARE(fromSet(set.answers()), fromWire(message.answers));
    QCOMPARE(fromSet(set.authorities()), fromWire(message.authorities));
    QCOMPARE(fromSet(set.additionals()), fromWire(message.additionals));
    QCOMPARE(set.error(), AresError::NoError);
}

void tst_AresRecordParse::sameErrorAsMessage_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("error");
    malformedRows();
    QTest::newRow("pointer-chain-130-later-record") << pointerChain(130) << "TooManyPointers";
    QTest::newRow("bad-rdata-after-good-answer")
            << P().header(1, ResponseFlags, 1, 2)
                       .question("host.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }))
                       .pointer(QuestionOffset)
                       .recordTail(1, 5, P::bytes({ 1, 2, 3 }))
                       .data()
            << "BadRdata";
}

void tst_AresRecordParse::sameErrorAsMessage()
{
    QFETCH(QByteArray, packet);
    QFETCH(QString, error);

    Wire::Message message;
    const Wire::ParseResult expected = Wire::parseMessage(packet, &message);
    QCOMPARE(Wire::errorName(expected.error), error);
    for (const QByteArray &asked : { QByteArray("host.test"), QByteArray("other.test") }) {
        Wire::ParseResult result;
        const AresRecordSet set = readRecordSet(packet, asked, 1, QString(), &result);
        QCOMPARE(result.toString(), expected.toString());
        // Nothing of a message that cannot be read: the default set.
        QVERIFY(set.answers().isEmpty());
        QVERIFY(set.authorities().isEmpty());
        QVERIFY(set.additionals().isEmpty());
        QCOMPARE(set.rcode(), -1);
        QVERIFY(set.aceName().isEmpty());
    }
}

void tst_AresRecordParse::everyPrefixSameAsMessage_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("expected");
    messageRows();
}

void tst_AresRecordParse::everyPrefixSameAsMessage()
{
    QFETCH(QByteArray, packet);

    for (qsizetype length = 0; length < packet.size(); ++length) {
        // A copy of exactly this length, so that ASan sees any read past it.
        const QByteArray prefix(packet.constData(), length);
        Wire::Message message;
        const Wire::ParseResult expected = Wire::parseMessage(prefix, &message);
        Wire::ParseResult result;
        const AresRecordSet set = readRecordSet(prefix, "host.test", 1, QString(), &result);
        const QString where = QStringLiteral("length %1").arg(length);
        QVERIFY2(result.toString() == expected.toString(),
                 qPrintable(where + u": " + result.toString() + u" vs " + expected.toString()));
        if (expected.ok()) { // TC set: what was complete
            QVERIFY2(fromSet(set.answers()) == fromWire(message.answers), qPrintable(where));
            QVERIFY2(fromSet(set.authorities()) == fromWire(message.authorities),
                     qPrintable(where));
            QVERIFY2(fromSet(set.additionals()) == fromWire(message.additionals),
                     qPrintable(where));
        } else {
            QVERIFY2(set.answers().isEmpty() && set.rcode() == -1, qPrintable(where));
        }
    }
}

// The name asked for is shared by the names that read the same octets; the
// names stay those of the message (the question's case, a search domain).
void tst_AresRecordParse::askedNameAndQuestion_data()
{
    QTest::addColumn<QByteArray>("question");
    QTest::addColumn<QByteArray>("asked");
    QTest::addColumn<QString>("expected"); // owner of the answer, canonical name, set name

    QTest::newRow("same") << QByteArray("host.test") << QByteArray("host.test")
                          << "host.test host.test host.test";
    QTest::newRow("other-case") << QByteArray("HoSt.test") << QByteArray("host.test")
                                << "HoSt.test HoSt.test host.test";
    QTest::newRow("search-domain") << QByteArray("host.example.test") << QByteArray("host")
                                   << "host.example.test host.example.test host";
    QTest::newRow("asked-longer") << QByteArray("host.test") << QByteArray("host.testing")
                                  << "host.test host.test host.testing";
    QTest::newRow("asked-with-escape") << QByteArray("a\\.b.test") << QByteArray("a\\.b.test")
                                       << "a\\.b.test a\\.b.test a\\.b.test";
}

void tst_AresRecordParse::askedNameAndQuestion()
{
    QFETCH(QByteArray, question);
    QFETCH(QByteArray, asked);
    QFETCH(QString, expected);

    const QByteArray wireName = Wire::encodeName(question);
    QVERIFY(!wireName.isEmpty());
    const QByteArray packet = P().header(1, ResponseFlags, 1, 1)
                                      .raw(wireName)
                                      .u16(1)
                                      .u16(1)
                                      .pointer(QuestionOffset)
                                      .recordTail(1, 60, P::bytes({ 192, 0, 2, 7 }))
                                      .data();
    Wire::ParseResult result;
    const AresRecordSet set = readRecordSet(packet, asked, 1, QString(), &result);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(set.records().size(), 1);
    QCOMPARE(set.records().first().addressString(), QStringLiteral("192.0.2.7"));
    QCOMPARE(QStringList({ set.answers().first().aceName(), set.aceCanonicalName(), set.aceName() })
                     .join(u' '),
             expected);
}

// What the set makes of the records it read: CNAME chain, records of the
// type at its end, SOA, extended rcode.
void tst_AresRecordParse::recordSetOfAnswer()
{
    const QByteArray packet =
            P().header(1, 0x8580, 1, 4, 1, 1)
                    .question("www.test", 1)
                    .pointer(QuestionOffset)
                    .recordTail(5, 60, P::encode("edge.test"))
                    .record("edge.test", 5, 30, P::encode("origin.test"))
                    .record("origin.test", 1, 20, P::bytes({ 192, 0, 2, 80 }))
                    .record("other.test", 1, 20, P::bytes({ 192, 0, 2, 81 }))
                    .record("test", 6, 50,
                            P::encode("ns.test") + P::encode("mail.test") + P::be32(1) + P::be32(2)
                                    + P::be32(3) + P::be32(4) + P::be32(30))
                    .record("", 41, 0x01000000, QByteArray(), 1232)
                    .data();
    Wire::ParseResult result;
    const AresRecordSet set =
            readRecordSet(packet, "www.test", 1, QStringLiteral("www.test"), &result);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(set.answers().size(), 4);
    QCOMPARE(set.cnameChain().size(), 2);
    QCOMPARE(set.cnameChain().at(1).aceTarget(), QStringLiteral("origin.test"));
    QCOMPARE(set.aceCanonicalName(), QStringLiteral("origin.test"));
    QCOMPARE(set.records().size(), 1);
    QCOMPARE(set.records().first().toString(), QStringLiteral("origin.test. 20 IN A 192.0.2.80"));
    QCOMPARE(set.authoritySoa().soaMailbox(), QStringLiteral("mail.test"));
    QCOMPARE(set.negativeTtl(), 30);
    QCOMPARE(set.rcode(), 16); // BADVERS: 1 in the OPT's upper bits
    QCOMPARE(set.additionals().size(), 1);
    QCOMPARE(set.additionals().first().type(), AresRecord::OPT);
}

// The records are shared between the sections and the lists built from them,
// and a copy of the set shares them too.
void tst_AresRecordParse::implicitSharing()
{
    const QByteArray packet = answer(1, P::bytes({ 192, 0, 2, 1 }));
    Wire::ParseResult result;
    const AresRecordSet set = readRecordSet(packet, "host.test", 1, QString(), &result);
    QVERIFY(result.ok());
    const AresRecordSet copy = set;
    QCOMPARE(copy.records(), set.answers());
    const AresRecord record = set.records().first();
    QCOMPARE(record, set.answers().first());
    QCOMPARE(record.toString(), QStringLiteral("host.test. 300 IN A 192.0.2.1"));
    QCOMPARE(record.rdata().constData(), set.answers().first().rdata().constData()); // not copied
}

// A copy shares the set (and the parts of it that many answers do not
// have); writing to one leaves the other as it was.
void tst_AresRecordParse::copyOnWrite()
{
    const QByteArray packet =
            P().header(7, 0x8583, 1, 0, 1, 0)
                    .question("missing.test", 1)
                    .record("test", 6, 60,
                            P::encode("ns.test") + P::encode("mail.test") + P::be32(1) + P::be32(2)
                                    + P::be32(3) + P::be32(4) + P::be32(30))
                    .data();
    Wire::ParseResult result;
    const AresRecordSet original = readRecordSet(packet, "missing.test", 1, QString(), &result);
    QVERIFY(result.ok());
    AresRecordSet copy = original;
    RecordAccess::setError(&copy, AresError::NotFoundError, QStringLiteral("not there"), 4);
    RecordAccess::setLookupId(&copy, 42);
    QCOMPARE(copy.errorString(), QStringLiteral("not there"));
    QCOMPARE(copy.lookupId(), 42);
    QCOMPARE(original.error(), AresError::NoError);
    QCOMPARE(original.errorString(), QString());
    QCOMPARE(original.lookupId(), -1);
    QCOMPARE(copy.authorities(), original.authorities());
    QCOMPARE(copy.authoritySoa().toString(), original.authoritySoa().toString());
    QCOMPARE(original.negativeTtl(), 30);
    QCOMPARE(copy.negativeTtl(), 30);
    QCOMPARE(original.rcode(), 3);
    QVERIFY(original.records().isEmpty());

    // And an error string taken back out again.
    AresRecordSet cleared = copy;
    RecordAccess::setError(&cleared, AresError::NoError, QString(), 0);
    QCOMPARE(cleared.errorString(), QString());
    QCOMPARE(copy.errorString(), QStringLiteral("not there"));
}

void tst_AresRecordParse::canonicalName_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QByteArray>("asked");
    QTest::addColumn<QString>("unicode");
    QTest::addColumn<QString>("expected"); // canonicalName() aceCanonicalName() name()

    QTest::newRow("question-only")
            << QByteArray() << QByteArray("xn--bcher-kva.test")
            << QStringLiteral("b\u00fccher.test")
            << QStringLiteral("b\u00fccher.test xn--bcher-kva.test b\u00fccher.test");
    QTest::newRow("idna-answered")
            << answer(1, P::bytes({ 1, 2, 3, 4 })).replace("\x04host", "\x0dxn--bcher-kva")
            << QByteArray("xn--bcher-kva.test") << QStringLiteral("B\u00fccher.test")
            << QStringLiteral("b\u00fccher.test xn--bcher-kva.test B\u00fccher.test");
    QTest::newRow("cname-end")
            << P().header(1, ResponseFlags, 1, 2)
                       .question("www.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(5, 60, P::encode("xn--bcher-kva.test"))
                       .record("xn--bcher-kva.test", 1, 20, P::bytes({ 192, 0, 2, 80 }))
                       .data()
            << QByteArray("www.test") << QStringLiteral("www.test")
            << QStringLiteral("b\u00fccher.test xn--bcher-kva.test www.test");
}

void tst_AresRecordParse::canonicalName()
{
    QFETCH(QByteArray, packet);
    QFETCH(QByteArray, asked);
    QFETCH(QString, unicode);
    QFETCH(QString, expected);

    AresRecordSet set;
    if (packet.isEmpty()) {
        set = RecordAccess::forQuestion(asked, unicode, 1);
    } else {
        Wire::ParseResult result;
        set = readRecordSet(packet, asked, 1, unicode, &result);
        QVERIFY2(result.ok(), qPrintable(result.toString()));
        QCOMPARE(set.records().size(), 1);
    }
    QCOMPARE(QStringList({ set.canonicalName(), set.aceCanonicalName(), set.name() }).join(u' '),
             expected);
}

QTEST_GUILESS_MAIN(tst_AresRecordParse)
#include "tst_aresrecordparse.moc"
