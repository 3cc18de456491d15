// SPDX-License-Identifier: MIT
// The status table: every status of the c-ares built against, its AresError,
// its name in errorString(), and what it says about the round trip.
#include "cares/aresfeatures_p.h"
#include "cares/aresstatus_p.h"

#include <QtTest/qtest.h>

#include <ares.h>

using QAresPrivate::RoundTrip;

class tst_AresStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusTable_data();
    void statusTable();
    void refusedByRcode_data();
    void refusedByRcode();
    void unknownStatus();
    void roundTrip_data();
    void roundTrip();
};

void tst_AresStatus::statusTable_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<AresError>("error");

    auto row = [](const char *name, int status, AresError error) {
        QTest::newRow(name) << status << error;
    };
    row("ARES_SUCCESS", ARES_SUCCESS, AresError::NoError);
    row("ARES_ENODATA", ARES_ENODATA, AresError::NoDataError);
    row("ARES_EFORMERR", ARES_EFORMERR, AresError::ServerFormatError);
    row("ARES_ESERVFAIL", ARES_ESERVFAIL, AresError::ServerFailureError);
    row("ARES_ENOTFOUND", ARES_ENOTFOUND, AresError::NotFoundError);
    row("ARES_ENOTIMP", ARES_ENOTIMP, AresError::ServerFailureError);
    row("ARES_EREFUSED", ARES_EREFUSED, AresError::ServerRefusedError);
    row("ARES_EBADQUERY", ARES_EBADQUERY, AresError::InvalidRequestError);
    row("ARES_EBADNAME", ARES_EBADNAME, AresError::InvalidRequestError);
    row("ARES_EBADFAMILY", ARES_EBADFAMILY, AresError::InvalidRequestError);
    row("ARES_EBADRESP", ARES_EBADRESP, AresError::InvalidReplyError);
    row("ARES_ECONNREFUSED", ARES_ECONNREFUSED, AresError::ConnectionRefusedError);
    row("ARES_ETIMEOUT", ARES_ETIMEOUT, AresError::TimeoutError);
    row("ARES_EOF", ARES_EOF, AresError::ResolverError);
    row("ARES_EFILE", ARES_EFILE, AresError::ResolverError);
    row("ARES_ENOMEM", ARES_ENOMEM, AresError::ResolverError);
    row("ARES_EDESTRUCTION", ARES_EDESTRUCTION, AresError::ResolverDestroyedError);
    row("ARES_EBADSTR", ARES_EBADSTR, AresError::InvalidRequestError);
    row("ARES_EBADFLAGS", ARES_EBADFLAGS, AresError::InvalidRequestError);
    row("ARES_ENONAME", ARES_ENONAME, AresError::InvalidRequestError);
    row("ARES_EBADHINTS", ARES_EBADHINTS, AresError::InvalidRequestError);
    row("ARES_ENOTINITIALIZED", ARES_ENOTINITIALIZED, AresError::ResolverError);
    row("ARES_ELOADIPHLPAPI", ARES_ELOADIPHLPAPI, AresError::ResolverError);
    row("ARES_EADDRGETNETWORKPARAMS", ARES_EADDRGETNETWORKPARAMS, AresError::ResolverError);
    row("ARES_ECANCELLED", ARES_ECANCELLED, AresError::OperationCancelledError);
    row("ARES_ESERVICE", ARES_ESERVICE, AresError::InvalidRequestError);
#if QARES_CARES_STATUS_ENOSERVER
    row("ARES_ENOSERVER", ARES_ENOSERVER, AresError::ResolverError);
#endif
}

void tst_AresStatus::statusTable()
{
    QFETCH(int, status);
    QFETCH(AresError, error);
    const QString name = QString::fromLatin1(QTest::currentDataTag());
    QCOMPARE(QAresPrivate::errorFromStatus(status), error);
    QCOMPARE(QAresPrivate::statusName(status), name);
    const QString message = QAresPrivate::statusMessage(status);
    QVERIFY(!message.isEmpty());
    // "Host not found (ARES_ENOTFOUND: Domain name not found)"
    QCOMPARE(QAresPrivate::errorStringFromStatus(status),
             QAres::errorDescription(error) + u" (" + name + u": " + message + u')');
}

// c-ares 1.18 folds a server's SERVFAIL, NOTIMP and REFUSED into
// ARES_ECONNREFUSED; the rcode seen on the wire tells them apart again.
void tst_AresStatus::refusedByRcode_data()
{
    QTest::addColumn<int>("rcode");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");
    QTest::newRow("none") << 0 << AresError::ConnectionRefusedError << "ARES_ECONNREFUSED";
    QTest::newRow("servfail") << 2 << AresError::ServerFailureError
                              << "every server answered SERVFAIL";
    QTest::newRow("notimp") << 4 << AresError::ServerFailureError << "every server answered NOTIMP";
    QTest::newRow("refused") << 5 << AresError::ServerRefusedError
                             << "every server answered REFUSED";
}

void tst_AresStatus::refusedByRcode()
{
    QFETCH(int, rcode);
    QFETCH(AresError, error);
    QFETCH(QString, detail);
    QCOMPARE(QAresPrivate::errorFromStatus(ARES_ECONNREFUSED, rcode), error);
    const QString text = QAresPrivate::errorStringFromStatus(ARES_ECONNREFUSED, rcode);
    QVERIFY2(text.startsWith(QAres::errorDescription(error) + u" (" + detail), qPrintable(text));
}

// A status this QAres does not know (a newer c-ares): a resolver error that
// still names the number.
void tst_AresStatus::unknownStatus()
{
    QCOMPARE(QAresPrivate::errorFromStatus(999), AresError::ResolverError);
    QCOMPARE(QAresPrivate::statusName(999), QStringLiteral("ARES_999"));
}

void tst_AresStatus::roundTrip_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("timeouts");
    QTest::addColumn<RoundTrip>("expected");
    QTest::newRow("answered") << int(ARES_SUCCESS) << 0 << RoundTrip::Answered;
    QTest::newRow("nodata") << int(ARES_ENODATA) << 0 << RoundTrip::Answered;
    QTest::newRow("nxdomain") << int(ARES_ENOTFOUND) << 0 << RoundTrip::Answered;
    QTest::newRow("answered after a timeout") << int(ARES_SUCCESS) << 1 << RoundTrip::TimedOut;
    QTest::newRow("timeout") << int(ARES_ETIMEOUT) << 0 << RoundTrip::TimedOut;
    QTest::newRow("servfail") << int(ARES_ESERVFAIL) << 0 << RoundTrip::None;
    QTest::newRow("cancelled") << int(ARES_ECANCELLED) << 0 << RoundTrip::None;
}

void tst_AresStatus::roundTrip()
{
    QFETCH(int, status);
    QFETCH(int, timeouts);
    QFETCH(RoundTrip, expected);
    QCOMPARE(QAresPrivate::roundTripOf(status, timeouts), expected);
}

QTEST_APPLESS_MAIN(tst_AresStatus)
#include "tst_aresstatus.moc"
