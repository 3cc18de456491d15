// SPDX-License-Identifier: MIT
#ifndef PACKETBUILDER_H
#define PACKETBUILDER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>

#include <initializer_list>

/*
    Writes DNS messages byte by byte for the wire tests and the fuzz seed
    corpus: nothing is checked, so that malformed messages are as easy to
    write as valid ones.
*/
class PacketBuilder
{
public:
    PacketBuilder &header(quint16 id, quint16 flags, quint16 qd, quint16 an, quint16 ns = 0,
                          quint16 ar = 0)
    {
        return u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    }
    PacketBuilder &u8(quint8 v)
    {
        m_data.append(char(v));
        return *this;
    }
    PacketBuilder &u16(quint16 v) { return u8(quint8(v >> 8)).u8(quint8(v)); }
    PacketBuilder &u32(quint32 v) { return u16(quint16(v >> 16)).u16(quint16(v)); }
    PacketBuilder &raw(const QByteArray &bytes)
    {
        m_data.append(bytes);
        return *this;
    }
    //! Uncompressed labels of a dotted name, and the root label ("" is the root).
    PacketBuilder &name(const QByteArray &dotted) { return raw(encode(dotted)); }
    PacketBuilder &pointer(quint16 offset) { return u16(quint16(0xc000 | offset)); }
    PacketBuilder &question(const QByteArray &qname, quint16 type, quint16 klass = 1)
    {
        return name(qname).u16(type).u16(klass);
    }
    //! A record with an uncompressed owner name.
    PacketBuilder &record(const QByteArray &owner, quint16 type, quint32 ttl,
                          const QByteArray &rdata, quint16 klass = 1)
    {
        return name(owner).recordTail(type, ttl, rdata, klass);
    }
    //! Type, class, TTL, RDLENGTH and RDATA, after an owner written by hand.
    PacketBuilder &recordTail(quint16 type, quint32 ttl, const QByteArray &rdata, quint16 klass = 1)
    {
        return u16(type).u16(klass).u32(ttl).u16(quint16(rdata.size())).raw(rdata);
    }
    qsizetype size() const { return m_data.size(); }
    QByteArray data() const { return m_data; }
    operator QByteArray() const { return m_data; }

    static QByteArray encode(const QByteArray &dotted)
    {
        QByteArray out;
        if (!dotted.isEmpty()) {
            for (const QByteArray &label : dotted.split('.')) {
                out.append(char(label.size()));
                out.append(label);
            }
        }
        out.append('\0');
        return out;
    }
    static QByteArray be16(quint16 v) { return QByteArray(1, char(v >> 8)) + char(v); }
    static QByteArray be32(quint32 v) { return be16(quint16(v >> 16)) + be16(quint16(v)); }
    static QByteArray string(const QByteArray &s) { return QByteArray(1, char(s.size())) + s; }
    static QByteArray bytes(std::initializer_list<int> values)
    {
        QByteArray out;
        for (int v : values)
            out.append(char(v));
        return out;
    }

private:
    QByteArray m_data;
};

#endif // PACKETBUILDER_H
