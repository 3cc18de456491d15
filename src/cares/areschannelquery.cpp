// SPDX-License-Identifier: MIT
// Record queries: ares_query()/ares_search() with the raw reply handed to
// the caller, whose wire reader (src/wire/) parses it.
#include "areschannel_p.h"

#include <ares.h>

namespace QAresPrivate {

constexpr int classIn = 1;

void Channel::query(ChannelRequest *request, const QByteArray &name, int type, bool search)
{
    request->channel = this;
    ++m_pending;
    if (search)
        ares_search(m_channel, name.constData(), classIn, type, &Channel::queryCallback, request);
    else
        ares_query(m_channel, name.constData(), classIn, type, &Channel::queryCallback, request);
    requestSubmitted();
}

void Channel::queryCallback(void *arg, int status, int timeouts, unsigned char *answer, int length)
{
    auto *request = static_cast<ChannelRequest *>(arg);
    Channel *channel = request->channel;
    ChannelResult result;
    result.status = status;
    result.timeouts = timeouts;
    // c-ares passes the reply for NOERROR, and for NXDOMAIN and no-data
    // answers too (not for ares_search's no-data, nor for errors it made up).
    if (answer && length > 0)
        result.answer = QByteArrayView(answer, length); // parsed before complete() returns
    if (status == ARES_ECONNREFUSED)
        result.wireRcode = qMax(0, channel->wireRcodeFor(request->name));
    channel->complete(request, std::move(result));
}

} // namespace QAresPrivate
