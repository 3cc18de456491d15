// SPDX-License-Identifier: MIT
#ifndef TESTPKI_H
#define TESTPKI_H

// Certificates made at test time with the openssl CLI (header only): a test CA,
// server certificates signed by it (the authentication name, a wrong name, an
// expired one) and a self-signed one, EC P-256 keys.

#include <QtCore/qanystringview.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslkey.h>

class TestPki
{
public:
    //! The name the good certificate is for.
    static QString authName() { return QStringLiteral("dns.test"); }

    bool make(QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (m_openssl.isEmpty()) {
            *error = QStringLiteral("openssl not found (scripts/setup.sh installs it)");
            return false;
        }
        const QString ec = QStringLiteral("ec_paramgen_curve:prime256v1");
        if (!run({ "req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout",
                   path(QStringLiteral("ca.key")), "-out", path(QStringLiteral("ca.pem")), "-days",
                   "2", "-subj", "/CN=QAres Test CA", "-addext",
                   "basicConstraints=critical,CA:TRUE", "-addext",
                   "keyUsage=critical,keyCertSign,cRLSign" },
                 error))
            return false;
        if (!signed_(QStringLiteral("good"), authName(), 2, error)
            || !signed_(QStringLiteral("wrongname"), QStringLiteral("other.test"), 2, error)
            || !expired(error))
            return false;
        if (!run({ "req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout",
                   path(QStringLiteral("selfsigned.key")), "-out",
                   path(QStringLiteral("selfsigned.pem")), "-days", "2", "-subj",
                   u"/CN=" + authName(), "-addext", u"subjectAltName=DNS:" + authName() },
                 error))
            return false;
        return true;
    }

    QString path(const QString &file) const { return m_dir.filePath(file); }
    QSslCertificate certificate(const QString &name) const
    {
        QFile file(path(name + u".pem"));
        return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll(), QSsl::Pem)
                                              : QSslCertificate();
    }
    QSslKey key(const QString &name) const
    {
        QFile file(path(name + u".key"));
        return file.open(QIODevice::ReadOnly) ? QSslKey(file.readAll(), QSsl::Ec, QSsl::Pem)
                                              : QSslKey();
    }
    QSslCertificate ca() const { return certificate(QStringLiteral("ca")); }
    //! What a server with \a name's certificate presents: it, and the CA unless self-signed.
    QList<QSslCertificate> chain(const QString &name) const
    {
        QList<QSslCertificate> certificates{ certificate(name) };
        if (name != u"selfsigned")
            certificates.append(ca());
        return certificates;
    }

    //! SHA-256 of the SubjectPublicKeyInfo of \a name's certificate, as openssl writes the SPKI.
    QByteArray spkiPin(const QString &name, QString *error) const
    {
        QByteArray publicKey;
        if (!run({ "x509", "-in", path(name + u".pem"), "-pubkey", "-noout" }, error, &publicKey))
            return QByteArray();
        QByteArray der;
        if (!run({ "pkey", "-pubin", "-outform", "der" }, error, &der, publicKey))
            return QByteArray();
        return QCryptographicHash::hash(der, QCryptographicHash::Sha256);
    }

private:
    bool signed_(const QString &name, const QString &dnsName, int days, QString *error)
    {
        QFile extensions(path(name + u".ext"));
        if (!extensions.open(QIODevice::WriteOnly)) {
            *error = extensions.errorString();
            return false;
        }
        extensions.write("subjectAltName=DNS:" + dnsName.toLatin1() + "\n");
        extensions.close();
        return run({ "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                     "-nodes", "-keyout", path(name + u".key"), "-out", path(name + u".csr"),
                     "-subj", u"/CN=" + dnsName },
                   error)
                && run({ "x509", "-req", "-in", path(name + u".csr"), "-CA",
                         path(QStringLiteral("ca.pem")), "-CAkey", path(QStringLiteral("ca.key")),
                         "-CAcreateserial", "-out", path(name + u".pem"), "-days",
                         QString::number(days), "-extfile", path(name + u".ext") },
                       error);
    }

    // Views of the caller's strings, valid for the call (a full expression).
    // Valid in 2020 only: "openssl ca" takes start and end dates on OpenSSL 3.0 and 3.5 alike
    // (x509 -days -1 is refused by 3.5, x509 -not_after is new in 3.4).
    bool expired(QString *error)
    {
        const QString name = QStringLiteral("expired");
        QFile config(path(QStringLiteral("ca.cnf")));
        QFile index(path(QStringLiteral("index.txt")));
        QFile serial(path(QStringLiteral("serial")));
        if (!config.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly)
            || !serial.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write the CA's files");
            return false;
        }
        config.write("[ca]\ndefault_ca = test\n[test]\ndatabase = " + index.fileName().toUtf8()
                     + "\nnew_certs_dir = " + m_dir.path().toUtf8()
                     + "\nserial = " + serial.fileName().toUtf8()
                     + "\ndefault_md = sha256\npolicy = any\n[any]\ncommonName = supplied\n");
        serial.write("1000\n");
        config.close();
        index.close();
        serial.close();
        QFile extensions(path(name + u".ext"));
        if (!extensions.open(QIODevice::WriteOnly)) {
            *error = extensions.errorString();
            return false;
        }
        extensions.write("subjectAltName=DNS:" + authName().toLatin1() + "\n");
        extensions.close();
        return run({ "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                     "-nodes", "-keyout", path(name + u".key"), "-out", path(name + u".csr"),
                     "-subj", u"/CN=" + authName() },
                   error)
                && run({ "ca", "-batch", "-notext", "-config", config.fileName(), "-cert",
                         path(QStringLiteral("ca.pem")), "-keyfile", path(QStringLiteral("ca.key")),
                         "-in", path(name + u".csr"), "-out", path(name + u".pem"), "-startdate",
                         "20200101000000Z", "-enddate", "20200102000000Z", "-extfile",
                         path(name + u".ext") },
                       error);
    }

    bool run(const QList<QAnyStringView> &views, QString *error, QByteArray *output = nullptr,
             const QByteArray &input = QByteArray()) const
    {
        QStringList arguments;
        for (QAnyStringView view : views)
            arguments.append(view.toString());
        QProcess process;
        process.start(m_openssl, arguments);
        if (!process.waitForStarted(10000)) {
            *error = process.errorString();
            return false;
        }
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            *error = u"openssl " + arguments.join(u' ') + u": "
                    + QString::fromLocal8Bit(process.readAllStandardError());
            return false;
        }
        if (output)
            *output = process.readAllStandardOutput();
        return true;
    }

    QTemporaryDir m_dir;
    QString m_openssl;
};

#endif // TESTPKI_H
