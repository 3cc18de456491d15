// SPDX-License-Identifier: MIT
// libFuzzer target: the DNS wire reader must never read outside its input,
// never crash, and what it accepts must hold together. Record queries read
// the same input into an AresRecordSet (another sink of the same parser):
// it must give the same result and hold the same records.
#include "answer/answerreader_p.h"
#include "aresrecord.h"
#include "aresrecord_p.h"
#include "dnswire_p.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace Wire = QAresPrivate::Wire;

static void check(bool condition)
{
    if (!condition)
        abort();
}

static bool sameRecords(const QList<AresRecord> &set, const QList<Wire::Record> &wire)
{
    if (set.size() != wire.size())
        return false;
    for (qsizetype i = 0; i < set.size(); ++i) {
        const AresRecord &a = set.at(i);
        const AresRecord b = QAresPrivate::RecordAccess::fromWire(wire.at(i));
        if (!(a == b) || a.toString() != b.toString() || a.isDecoded() != b.isDecoded()
            || a.aceName() != b.aceName() || a.aceTarget() != b.aceTarget()
            || a.aceSoaMailbox() != b.aceSoaMailbox() || a.txtStrings() != b.txtStrings()
            || a.svcParams() != b.svcParams() || a.caaValue() != b.caaValue()
            || a.tlsaData() != b.tlsaData())
            return false;
    }
    return true;
}

// The record set read from the same input, for the question's name or (odd
// sizes) another one: same result, same records.
static void checkRecordSet(QByteArrayView input, const Wire::ParseResult &expected,
                           const Wire::Message &message)
{
    const bool askQuestion = !message.questions.isEmpty() && input.size() % 2 == 0;
    const QByteArray asked = askQuestion ? message.questions.first().name : QByteArray("host.test");
    const quint16 type = message.questions.isEmpty() ? 1 : message.questions.first().type;
    Wire::ParseResult result;
    const AresRecordSet set = QAresPrivate::readRecordSet(input, asked, type, QString(), &result);
    check(result.error == expected.error && result.offset == expected.offset
          && result.detail == expected.detail);
    if (!result.ok()) {
        check(set.answers().isEmpty() && set.rcode() == -1);
        return;
    }
    check(set.rcode() == message.rcode());
    check(sameRecords(set.answers(), message.answers));
    check(sameRecords(set.authorities(), message.authorities));
    check(sameRecords(set.additionals(), message.additionals));
    // What the set picks comes from its answers.
    for (const AresRecord &r : set.records())
        check(set.answers().contains(r));
    for (const AresRecord &r : set.cnameChain())
        check(r.type() == AresRecord::CNAME && set.answers().contains(r));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(
            QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), &message);
    checkRecordSet(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), result,
                   message);
    if (!result.ok()) {
        check(result.offset >= 0 && result.offset <= qsizetype(size));
        check(!result.detail.isEmpty());
        return 0;
    }
    // Counts are met exactly unless TC let the message end early.
    const bool cut = message.cutShort;
    check(!cut || message.hasFlag(Wire::Flag::TC));
    check(cut || message.questions.size() == message.questionCount);
    check(cut || message.answers.size() == message.answerCount);
    check(cut || message.authorities.size() == message.authorityCount);
    check(cut || message.additionals.size() == message.additionalCount);

    for (const Wire::Question &q : message.questions)
        check(!Wire::encodeName(q.name).isEmpty());
    for (const QList<Wire::Record> *section :
         { &message.answers, &message.authorities, &message.additionals }) {
        for (const Wire::Record &r : *section) {
            // Every name read can be written back, within 255 octets.
            const QByteArray owner = Wire::encodeName(r.name);
            check(!owner.isEmpty() && owner.size() <= Wire::maxNameLength);
            check((r.ttl & 0x80000000u) == 0);
            if (!r.decoded)
                continue;
            // Decoded RDATA stands on its own: decoding it again gives the same record.
            Wire::Record again;
            again.type = r.type;
            again.rdata = r.rdata;
            check(Wire::decodeRdata(&again).ok());
            check(again.decoded && again.rdata == r.rdata && again.target == r.target
                  && again.mailbox() == r.mailbox() && again.address() == r.address()
                  && again.strings() == r.strings() && again.value() == r.value()
                  && again.params().size() == r.params().size());
        }
    }
    return 0;
}
