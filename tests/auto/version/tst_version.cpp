// SPDX-License-Identifier: MIT
#include <QAres/QAresGlobal>
#include <QAres/QAresVersion>

#include <QtTest/qtest.h>

// The macros work in the preprocessor, as Qt's QT_VERSION_CHECK does.
#if QARES_VERSION < QARES_VERSION_CHECK(0, 2, 0)
#  error "QARES_VERSION is below 0.2.0, the first version with the macro"
#endif
static_assert(QARES_VERSION
                      == ((QARES_TEST_PROJECT_VERSION_MAJOR << 16)
                          | (QARES_TEST_PROJECT_VERSION_MINOR << 8)
                          | QARES_TEST_PROJECT_VERSION_PATCH),
              "QARES_VERSION is not 0xMMNNPP of project(VERSION)");

class tst_Version : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headerIsProjectVersion();
    void libraryIsHeaderVersion();
    void versionCheckOrders_data();
    void versionCheckOrders();
};

void tst_Version::headerIsProjectVersion()
{
    QCOMPARE(QLatin1String(QARES_VERSION_STR), QLatin1String(QARES_TEST_PROJECT_VERSION));
    QCOMPARE(QStringLiteral("%1.%2.%3")
                     .arg(QARES_VERSION_MAJOR)
                     .arg(QARES_VERSION_MINOR)
                     .arg(QARES_VERSION_PATCH),
             QStringLiteral(QARES_TEST_PROJECT_VERSION));
    QCOMPARE(QARES_VERSION,
             QARES_VERSION_CHECK(QARES_TEST_PROJECT_VERSION_MAJOR, QARES_TEST_PROJECT_VERSION_MINOR,
                                 QARES_TEST_PROJECT_VERSION_PATCH));
}

void tst_Version::libraryIsHeaderVersion()
{
    QCOMPARE(QAres::versionString(), QStringLiteral(QARES_VERSION_STR));
}

void tst_Version::versionCheckOrders_data()
{
    // Each row: two versions, and how the first compares to the second.
    QTest::addColumn<int>("major");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("patch");
    QTest::addColumn<int>("otherMajor");
    QTest::addColumn<int>("otherMinor");
    QTest::addColumn<int>("otherPatch");
    QTest::addColumn<QString>("expected");
    QTest::newRow("same") << 0 << 2 << 0 << 0 << 2 << 0 << "==";
    QTest::newRow("patch") << 0 << 2 << 1 << 0 << 2 << 0 << ">";
    QTest::newRow("minor-over-patch") << 0 << 3 << 0 << 0 << 2 << 255 << ">";
    QTest::newRow("major-over-minor") << 1 << 0 << 0 << 0 << 255 << 255 << ">";
    QTest::newRow("older-major") << 0 << 9 << 9 << 1 << 0 << 0 << "<";
    QTest::newRow("older-minor") << 1 << 1 << 9 << 1 << 2 << 0 << "<";
}

void tst_Version::versionCheckOrders()
{
    QFETCH(int, major);
    QFETCH(int, minor);
    QFETCH(int, patch);
    QFETCH(int, otherMajor);
    QFETCH(int, otherMinor);
    QFETCH(int, otherPatch);
    QFETCH(QString, expected);
    const int a = QARES_VERSION_CHECK(major, minor, patch);
    const int b = QARES_VERSION_CHECK(otherMajor, otherMinor, otherPatch);
    QCOMPARE(QString::fromLatin1(a < b ? "<" : a == b ? "==" : ">"), expected);
}

QTEST_GUILESS_MAIN(tst_Version)
#include "tst_version.moc"
