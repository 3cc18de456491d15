// SPDX-License-Identifier: MIT
#ifndef DOHHTTP2_P_H
#define DOHHTTP2_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "dohsession_p.h"

#include <map>

struct nghttp2_session;

namespace QAresPrivate::Transport {

//! DohSession over HTTP/2, through libnghttp2's memory-buffer API (no sockets).
class DohHttp2Session final : public DohSession
{
public:
    DohHttp2Session(const DohTarget &target, Method method);
    ~DohHttp2Session() override;

    QByteArray protocol() const override { return QByteArrayLiteral("h2"); }
    void receive(const QByteArray &bytes) override;
    QByteArray takeOutgoing() override;
    void connectionClosed() override;
    int pendingCount() const override;

    //! The server's SETTINGS_MAX_CONCURRENT_STREAMS (100 until its SETTINGS arrive).
    int streamLimit() const;

protected:
    void schedule() override;

public: // for the nghttp2 callbacks (C linkage, in the .cpp)
    struct Stream
    {
        Query query;
        ResponseHead head;
        QByteArray requestBody;
        qsizetype sent = 0; // of requestBody
        QByteArray body;
        qint32 id = 0;
        bool tooLarge = false;
        bool done = false; // the outcome is decided
        bool serverReset = false; // RST_STREAM came from the server
    };
    void onHeader(Stream *stream, const QByteArray &name, const QByteArray &value);
    void onData(Stream *stream, const char *data, size_t size);
    void onStreamClose(qint32 streamId, quint32 errorCode);
    void onGoAway(qint32 lastStreamId, quint32 errorCode);
    void onServerReset(qint32 streamId);
    void onRequestNotSent(Stream *stream, int libError);

private:
    void fatal(DohError error, const QString &why);
    void failStreams(DohError error, const QString &why, bool retryable);
    void flush();

    nghttp2_session *m_session = nullptr;
    std::map<qint32, std::unique_ptr<Stream>> m_streams; // submitted, no outcome or not closed
    QByteArray m_out;
    bool m_goAway = false;
    bool m_dead = false;
};

} // namespace QAresPrivate::Transport

#endif // DOHHTTP2_P_H
