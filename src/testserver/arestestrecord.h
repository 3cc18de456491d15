// SPDX-License-Identifier: MIT
#ifndef ARESTESTRECORD_H
#define ARESTESTRECORD_H

#include "qarestestglobal.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qmap.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qhostaddress.h>

/*!
    \file arestestrecord.h
    The AresTestRecord class (also as <QAres/AresTestRecord>), part of the
    QAres::Test library.
*/

class AresTestRecordPrivate;

/*!
    The type and RDATA of one DNS record, built from its fields, for
    AresTestServer::addRecord(): an implicitly shared value type.

    There is a builder for every record type QAres decodes (see AresRecord),
    and raw() for any other type or for RDATA that is malformed on purpose:

    ```cpp
    server.addRecord(u"mail.test"_s, AresTestRecord::mx(10, u"mx1.mail.test"_s), 300);
    server.addRecord(u"_sip._tcp.test"_s, AresTestRecord::srv(1, 5, 5060, u"sip.test"_s));
    server.addRecord(u"odd.test"_s, AresTestRecord::raw(64000, QByteArray::fromHex("00ff")));
    ```

    Names are given in presentation form, without or with the trailing dot;
    "" and "." are the root. They are written to the RDATA as their UTF-8
    bytes, uncompressed: give internationalized names in their ACE form
    ("xn--bcher-kva.test"). A '.' or '\\' inside a label is escaped with a
    backslash. A builder given a name that cannot be encoded (an empty label,
    a label over 63 bytes, a name over 255 bytes), a character-string over
    255 bytes or an address of the other protocol returns an invalid record
    (isValid() is `false`), which addRecord() refuses.

    type() and rdata() give the result, so a record built here can also be
    decoded without a server: `AresRecord::fromRdata(name,
    AresRecord::Type(record.type()), record.rdata())`.
*/
class QARES_TEST_EXPORT AresTestRecord
{
public:
    /*!
        The SvcParams of an SVCB or HTTPS record (RFC 9460). Each member is
        written as its SvcParam when set; they go on the wire in increasing
        key order, as the RFC requires.
    */
    struct SvcParams
    {
        QList<quint16> mandatory; //!< key 0 "mandatory": the keys a client must understand
        QList<QByteArray> alpn; //!< key 1 "alpn": protocol ids such as "h2", "h3"
        bool noDefaultAlpn = false; //!< key 2 "no-default-alpn", present when `true`
        int port = -1; //!< key 3 "port", present when 0 to 65535
        QList<QHostAddress> ipv4Hints; //!< key 4 "ipv4hint"
        QByteArray ech; //!< key 5 "ech": an ECHConfigList, present when not empty
        QList<QHostAddress> ipv6Hints; //!< key 6 "ipv6hint"
        /*!
            Any other key, with its value as on the wire; a key 0 to 6 here
            replaces the member above.
        */
        QMap<quint16, QByteArray> other;
    };

    /*! An invalid record: isValid() is `false`, type() 0. */
    AresTestRecord();
    //! @{
    /*! Copies share the record (implicit sharing); moves and swap() exchange it. */
    AresTestRecord(const AresTestRecord &other);
    AresTestRecord(AresTestRecord &&other) noexcept;
    AresTestRecord &operator=(const AresTestRecord &other);
    AresTestRecord &operator=(AresTestRecord &&other) noexcept;
    void swap(AresTestRecord &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresTestRecord(); //!< Destroys it (and the shared data with its last copy).

    /*! A (1): an IPv4 \a address. */
    static AresTestRecord a(const QHostAddress &address);
    /*! AAAA (28): an IPv6 \a address. */
    static AresTestRecord aaaa(const QHostAddress &address);
    /*! a() or aaaa(), by the protocol of \a address. */
    static AresTestRecord address(const QHostAddress &address);
    /*! NS (2): the name server \a target. */
    static AresTestRecord ns(const QString &target);
    /*! CNAME (5): the owner is an alias of \a target. */
    static AresTestRecord cname(const QString &target);
    /*! DNAME (39): the names below the owner are redirected below \a target. */
    static AresTestRecord dname(const QString &target);
    /*! PTR (12): the owner (see AresTestServer::reverseName()) points to \a target. */
    static AresTestRecord ptr(const QString &target);
    /*! MX (15): the mail exchanger \a exchange, with its \a preference (lower is preferred). */
    static AresTestRecord mx(quint16 preference, const QString &exchange);
    /*!
        TXT (16): one character-string for each of \a strings (any octets,
        at most 255 each; at least one string).
    */
    static AresTestRecord txt(const QList<QByteArray> &strings);
    /*!
        SOA (6): the zone's primary name server \a mname, the mailbox of its
        administrator \a rname (as a name: "hostmaster.example.test"), its
        \a serial, \a refresh, \a retry and \a expire times and the
        \a minimum TTL of negative answers (seconds). AresTestServer::setSoa()
        makes one for a zone.
    */
    static AresTestRecord soa(const QString &mname, const QString &rname, quint32 serial,
                              quint32 refresh, quint32 retry, quint32 expire, quint32 minimum);
    /*!
        SRV (33, RFC 2782): the service at \a target : \a port, with its
        \a priority (lower first) and \a weight (among equal priorities).
    */
    static AresTestRecord srv(quint16 priority, quint16 weight, quint16 port,
                              const QString &target);
    /*!
        NAPTR (35, RFC 3403): \a order, \a preference, the \a flags, \a services
        and \a regexp character-strings (at most 255 octets each) and the
        \a replacement name ("" for none, the root).
    */
    static AresTestRecord naptr(quint16 order, quint16 preference, const QByteArray &flags,
                                const QByteArray &services, const QByteArray &regexp,
                                const QString &replacement);
    /*!
        TLSA (52, RFC 6698): the certificate \a usage, \a selector,
        \a matchingType and the association \a data.
    */
    static AresTestRecord tlsa(quint8 usage, quint8 selector, quint8 matchingType,
                               const QByteArray &data);
    /*!
        SSHFP (44, RFC 4255): the key \a algorithm, the \a fingerprintType and
        the \a fingerprint. QAres does not decode SSHFP: it reads it raw.
    */
    static AresTestRecord sshfp(quint8 algorithm, quint8 fingerprintType,
                                const QByteArray &fingerprint);
    /*!
        SVCB (64, RFC 9460): \a priority 0 is alias mode (\a target is the
        alias, \a params should be empty), otherwise service mode with
        \a target ("" or "." for the owner itself) and \a params.
    */
    static AresTestRecord svcb(quint16 priority, const QString &target, const SvcParams &params);
    /*! SVCB (64) without SvcParams: alias mode for \a priority 0. */
    static AresTestRecord svcb(quint16 priority, const QString &target);
    /*! HTTPS (65, RFC 9460): as svcb(), of type HTTPS. */
    static AresTestRecord https(quint16 priority, const QString &target, const SvcParams &params);
    /*! HTTPS (65) without SvcParams: alias mode for \a priority 0. */
    static AresTestRecord https(quint16 priority, const QString &target);
    /*! URI (256, RFC 7553): the \a target URI, with its \a priority and \a weight. */
    static AresTestRecord uri(quint16 priority, quint16 weight, const QByteArray &target);
    /*!
        CAA (257, RFC 8659): the \a flags octet (0x80: issuer critical), the
        property \a tag ("issue", "issuewild", "iodef"; 1 to 255 octets) and
        its \a value.
    */
    static AresTestRecord caa(quint8 flags, const QByteArray &tag, const QByteArray &value);
    /*!
        Any \a type with \a rdata exactly as given: for types without a
        builder and for RDATA that is malformed on purpose. Valid for every
        type but 0 and for RDATA up to 65535 octets.
    */
    static AresTestRecord raw(quint16 type, const QByteArray &rdata);

    /*! `true` if a builder made the record from valid fields. */
    bool isValid() const;
    /*! The record type, as on the wire (15 for MX); 0 for an invalid record. */
    quint16 type() const;
    /*! The RDATA as on the wire, names uncompressed; empty for an invalid record. */
    QByteArray rdata() const;

    /*! `true` if \a a and \a b have the same type() and rdata() (both invalid, say). */
    friend QARES_TEST_EXPORT bool operator==(const AresTestRecord &a, const AresTestRecord &b);
    /*! The opposite of operator==(). */
    friend bool operator!=(const AresTestRecord &a, const AresTestRecord &b) { return !(a == b); }

private:
    AresTestRecord(quint16 type, const QByteArray &rdata);

    QSharedDataPointer<AresTestRecordPrivate> d;
};
Q_DECLARE_SHARED(AresTestRecord)
Q_DECLARE_METATYPE(AresTestRecord)

#endif // ARESTESTRECORD_H
