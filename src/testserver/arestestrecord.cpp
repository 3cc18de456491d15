// SPDX-License-Identifier: MIT
#include "arestestrecord.h"

#include "dnspacket_p.h"

#include <limits>

class AresTestRecordPrivate : public QSharedData
{
public:
    quint16 type = 0;
    QByteArray rdata;
};

namespace {

constexpr qsizetype MaxCharacterString = 255;
constexpr qsizetype MaxRdata = 65535;

// Appends big-endian integers and the RDATA's parts to one buffer; any
// field that cannot be written makes the whole record invalid.
class RdataWriter
{
public:
    RdataWriter &u8(quint8 value)
    {
        m_out.append(char(value));
        return *this;
    }
    RdataWriter &u16(quint16 value)
    {
        m_out.append(char(value >> 8));
        m_out.append(char(value & 0xff));
        return *this;
    }
    RdataWriter &u32(quint32 value)
    {
        u16(quint16(value >> 16));
        return u16(quint16(value & 0xffff));
    }
    RdataWriter &bytes(const QByteArray &value)
    {
        m_out.append(value);
        return *this;
    }
    RdataWriter &name(const QString &dotted)
    {
        bool ok = false;
        const QByteArray wire = TestWire::encodeName(dotted.toUtf8(), &ok);
        m_ok = m_ok && ok;
        m_out.append(wire);
        return *this;
    }
    RdataWriter &characterString(const QByteArray &value)
    {
        m_ok = m_ok && value.size() <= MaxCharacterString;
        m_out.append(char(value.size() & 0xff));
        m_out.append(value);
        return *this;
    }
    RdataWriter &address(const QHostAddress &address,
                         QAbstractSocket::NetworkLayerProtocol protocol)
    {
        if (address.protocol() != protocol) {
            m_ok = false;
        } else if (protocol == QAbstractSocket::IPv4Protocol) {
            u32(address.toIPv4Address());
        } else {
            const Q_IPV6ADDR ip = address.toIPv6Address();
            m_out.append(reinterpret_cast<const char *>(ip.c), 16);
        }
        return *this;
    }
    void fail() { m_ok = false; }
    bool ok() const { return m_ok && m_out.size() <= MaxRdata; }
    const QByteArray &data() const { return m_out; }

private:
    QByteArray m_out;
    bool m_ok = true;
};

QByteArray svcParamsRdata(const AresTestRecord::SvcParams &params, bool *ok)
{
    QMap<quint16, QByteArray> values;
    if (!params.mandatory.isEmpty()) {
        RdataWriter value;
        for (quint16 key : params.mandatory)
            value.u16(key);
        values.insert(0, value.data());
    }
    if (!params.alpn.isEmpty()) {
        RdataWriter value;
        for (const QByteArray &id : params.alpn) {
            if (id.isEmpty())
                value.fail();
            value.characterString(id);
        }
        *ok = *ok && value.ok();
        values.insert(1, value.data());
    }
    if (params.noDefaultAlpn)
        values.insert(2, QByteArray());
    if (params.port >= 0) {
        if (params.port > std::numeric_limits<quint16>::max())
            *ok = false;
        values.insert(3, RdataWriter().u16(quint16(params.port)).data());
    }
    const auto hints = [ok](const QList<QHostAddress> &addresses,
                            QAbstractSocket::NetworkLayerProtocol protocol) {
        RdataWriter value;
        for (const QHostAddress &address : addresses)
            value.address(address, protocol);
        *ok = *ok && value.ok();
        return value.data();
    };
    if (!params.ipv4Hints.isEmpty())
        values.insert(4, hints(params.ipv4Hints, QAbstractSocket::IPv4Protocol));
    if (!params.ech.isEmpty())
        values.insert(5, params.ech);
    if (!params.ipv6Hints.isEmpty())
        values.insert(6, hints(params.ipv6Hints, QAbstractSocket::IPv6Protocol));
    for (auto it = params.other.cbegin(); it != params.other.cend(); ++it)
        values.insert(it.key(), it.value());

    RdataWriter out;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value().size() > std::numeric_limits<quint16>::max())
            *ok = false;
        out.u16(it.key()).u16(quint16(it.value().size())).bytes(it.value());
    }
    return out.data();
}

} // namespace

AresTestRecord::AresTestRecord() : d(new AresTestRecordPrivate) { }

AresTestRecord::AresTestRecord(quint16 type, const QByteArray &rdata) : AresTestRecord()
{
    d->type = type;
    d->rdata = rdata;
}

AresTestRecord::AresTestRecord(const AresTestRecord &other) = default;
AresTestRecord::AresTestRecord(AresTestRecord &&other) noexcept = default;
AresTestRecord &AresTestRecord::operator=(const AresTestRecord &other) = default;
AresTestRecord &AresTestRecord::operator=(AresTestRecord &&other) noexcept = default;
AresTestRecord::~AresTestRecord() = default;

namespace {

AresTestRecord fromWriter(quint16 type, const RdataWriter &writer)
{
    return writer.ok() ? AresTestRecord::raw(type, writer.data()) : AresTestRecord();
}

} // namespace

AresTestRecord AresTestRecord::a(const QHostAddress &address)
{
    return fromWriter(TestWire::Type::A,
                      RdataWriter().address(address, QAbstractSocket::IPv4Protocol));
}

AresTestRecord AresTestRecord::aaaa(const QHostAddress &address)
{
    return fromWriter(TestWire::Type::AAAA,
                      RdataWriter().address(address, QAbstractSocket::IPv6Protocol));
}

AresTestRecord AresTestRecord::address(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? aaaa(address) : a(address);
}

AresTestRecord AresTestRecord::ns(const QString &target)
{
    return fromWriter(TestWire::Type::NS, RdataWriter().name(target));
}

AresTestRecord AresTestRecord::cname(const QString &target)
{
    return fromWriter(TestWire::Type::CNAME, RdataWriter().name(target));
}

AresTestRecord AresTestRecord::dname(const QString &target)
{
    return fromWriter(TestWire::Type::DNAME, RdataWriter().name(target));
}

AresTestRecord AresTestRecord::ptr(const QString &target)
{
    return fromWriter(TestWire::Type::PTR, RdataWriter().name(target));
}

AresTestRecord AresTestRecord::mx(quint16 preference, const QString &exchange)
{
    return fromWriter(TestWire::Type::MX, RdataWriter().u16(preference).name(exchange));
}

AresTestRecord AresTestRecord::txt(const QList<QByteArray> &strings)
{
    RdataWriter writer;
    if (strings.isEmpty())
        writer.fail();
    for (const QByteArray &string : strings)
        writer.characterString(string);
    return fromWriter(TestWire::Type::TXT, writer);
}

AresTestRecord AresTestRecord::soa(const QString &mname, const QString &rname, quint32 serial,
                                   quint32 refresh, quint32 retry, quint32 expire, quint32 minimum)
{
    return fromWriter(TestWire::Type::SOA,
                      RdataWriter()
                              .name(mname)
                              .name(rname)
                              .u32(serial)
                              .u32(refresh)
                              .u32(retry)
                              .u32(expire)
                              .u32(minimum));
}

AresTestRecord AresTestRecord::srv(quint16 priority, quint16 weight, quint16 port,
                                   const QString &target)
{
    return fromWriter(TestWire::Type::SRV,
                      RdataWriter().u16(priority).u16(weight).u16(port).name(target));
}

AresTestRecord AresTestRecord::naptr(quint16 order, quint16 preference, const QByteArray &flags,
                                     const QByteArray &services, const QByteArray &regexp,
                                     const QString &replacement)
{
    return fromWriter(TestWire::Type::NAPTR,
                      RdataWriter()
                              .u16(order)
                              .u16(preference)
                              .characterString(flags)
                              .characterString(services)
                              .characterString(regexp)
                              .name(replacement));
}

AresTestRecord AresTestRecord::tlsa(quint8 usage, quint8 selector, quint8 matchingType,
                                    const QByteArray &data)
{
    return fromWriter(TestWire::Type::TLSA,
                      RdataWriter().u8(usage).u8(selector).u8(matchingType).bytes(data));
}

AresTestRecord AresTestRecord::sshfp(quint8 algorithm, quint8 fingerprintType,
                                     const QByteArray &fingerprint)
{
    return fromWriter(TestWire::Type::SSHFP,
                      RdataWriter().u8(algorithm).u8(fingerprintType).bytes(fingerprint));
}

AresTestRecord AresTestRecord::svcb(quint16 priority, const QString &target,
                                    const SvcParams &params)
{
    bool ok = true;
    RdataWriter writer;
    writer.u16(priority).name(target).bytes(svcParamsRdata(params, &ok));
    if (!ok)
        writer.fail();
    return fromWriter(TestWire::Type::SVCB, writer);
}

AresTestRecord AresTestRecord::https(quint16 priority, const QString &target,
                                     const SvcParams &params)
{
    const AresTestRecord record = svcb(priority, target, params);
    return record.isValid() ? raw(TestWire::Type::HTTPS, record.rdata()) : record;
}

AresTestRecord AresTestRecord::svcb(quint16 priority, const QString &target)
{
    return svcb(priority, target, SvcParams());
}

AresTestRecord AresTestRecord::https(quint16 priority, const QString &target)
{
    return https(priority, target, SvcParams());
}

AresTestRecord AresTestRecord::uri(quint16 priority, quint16 weight, const QByteArray &target)
{
    return fromWriter(TestWire::Type::URI, RdataWriter().u16(priority).u16(weight).bytes(target));
}

AresTestRecord AresTestRecord::caa(quint8 flags, const QByteArray &tag, const QByteArray &value)
{
    RdataWriter writer;
    if (tag.isEmpty())
        writer.fail();
    writer.u8(flags).characterString(tag).bytes(value);
    return fromWriter(TestWire::Type::CAA, writer);
}

AresTestRecord AresTestRecord::raw(quint16 type, const QByteArray &rdata)
{
    if (type == 0 || rdata.size() > MaxRdata)
        return AresTestRecord();
    return AresTestRecord(type, rdata);
}

bool AresTestRecord::isValid() const
{
    return d->type != 0;
}

quint16 AresTestRecord::type() const
{
    return d->type;
}

QByteArray AresTestRecord::rdata() const
{
    return d->rdata;
}

bool operator==(const AresTestRecord &a, const AresTestRecord &b)
{
    return a.d == b.d || (a.d->type == b.d->type && a.d->rdata == b.d->rdata);
}
