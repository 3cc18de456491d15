// SPDX-License-Identifier: MIT
// libFuzzer target: the DoH client session (src/transport/doh*) reading
// whatever a server sends. Input: one byte of mode (bit 0: HTTP/2 or
// HTTP/1.1, bit 1: GET or POST, bits 2-4: pipelining depth), one byte of
// piece size, then the server's bytes, fed in pieces of that size. Four
// queries are submitted first. The session must never crash, and every query
// must get exactly one outcome once the connection is closed, with a reply
// only for a 2xx application/dns-message body that carries the caller's ID.
#include "dohsession_p.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>

using namespace QAresPrivate::Transport;

static void check(bool condition)
{
    if (!condition)
        abort();
}

// Also used by fuzz_doh_seeds, which records a real server's answers to them.
QByteArray fuzzDohQuery(int i)
{
    QByteArray q("\x00\x00\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01q\x07"
                 "example\x00\x00\x01\x00\x01",
                 27);
    q[0] = char(0x10 + i);
    q[1] = char(0x20 + i);
    q[14] = char('a' + i);
    return q;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const bool h2 = data[0] & 1;
    const bool get = data[0] & 2;
    const int depth = 1 + ((data[0] >> 2) & 7);
    const size_t piece = 1 + data[1];
    if (h2 && !DohSession::http2Available())
        return 0;
    auto session =
            DohSession::create(h2 ? "h2" : "http/1.1", { "dns.example", "/dns-query" },
                               get ? DohSession::Method::Get : DohSession::Method::Post, nullptr);
    check(session != nullptr);
    session->setMaxPipelined(depth);
    std::map<quint64, int> pending;
    for (int i = 0; i < 4; ++i)
        pending[session->submit(fuzzDohQuery(i))] = i;
    int outcomes = 0;
    const auto collect = [&]() {
        for (const DohOutcome &outcome : session->takeOutcomes()) {
            const auto it = pending.find(outcome.ticket);
            check(it != pending.end()); // known, and not decided before
            if (outcome.error == DohError::NoError) {
                const QByteArray query = fuzzDohQuery(it->second);
                check(outcome.reply.size() >= 12 && outcome.reply.size() <= 65535);
                check(outcome.reply.left(2) == query.left(2));
                check(outcome.errorString.isEmpty());
            } else {
                check(outcome.reply.isEmpty() && !outcome.errorString.isEmpty());
            }
            pending.erase(it);
            ++outcomes;
        }
    };
    session->takeOutgoing();
    for (size_t at = 2; at < size; at += piece) {
        const size_t n = size - at < piece ? size - at : piece;
        session->receive(QByteArray(reinterpret_cast<const char *>(data + at), qsizetype(n)));
        session->takeOutgoing();
        collect();
    }
    session->connectionClosed();
    collect();
    check(pending.empty() && outcomes == 4);
    check(session->pendingCount() == 0 && !session->isUsable());
    return 0;
}
