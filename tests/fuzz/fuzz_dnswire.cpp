// SPDX-License-Identifier: MIT
// libFuzzer target: the DNS wire reader must never read outside its input,
// never crash, and what it accepts must hold together.
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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Wire::Message message;
    const Wire::ParseResult result =
            Wire::parseMessage(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), &message);
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
    for (const QList<Wire::Record> *section : { &message.answers, &message.authorities, &message.additionals }) {
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
                  && again.mailbox() == r.mailbox() && again.address() == r.address() && again.strings() == r.strings()
                  && again.value() == r.value() && again.params().size() == r.params().size());
        }
    }
    return 0;
}
