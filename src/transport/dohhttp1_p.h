// SPDX-License-Identifier: MIT
#ifndef DOHHTTP1_P_H
#define DOHHTTP1_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "dohsession_p.h"

namespace QAresPrivate::Transport {

//! DohSession over HTTP/1.1, written and read by hand (RFC 9112).
class DohHttp1Session final : public DohSession
{
public:
    DohHttp1Session(const DohTarget &target, Method method);
    ~DohHttp1Session() override;

    QByteArray protocol() const override { return QByteArrayLiteral("http/1.1"); }
    void receive(const QByteArray &bytes) override;
    QByteArray takeOutgoing() override;
    void connectionClosed() override;
    int pendingCount() const override;

protected:
    void schedule() override;

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Dead };
    enum class Framing { None, Length, Chunked, Close };

    void parse();
    bool parseHead(const QByteArray &head);
    void appendBody(const char *data, qsizetype size);
    void responseDone();
    void malformed(const QString &why);
    void failAll(DohError error, const QString &why);
    void resetResponse();

    std::deque<Query> m_sent; // written, waiting for their responses, in order
    QByteArray m_out;
    QByteArray m_in;
    State m_state = State::Head;
    Framing m_framing = Framing::None;
    ResponseHead m_head;
    QByteArray m_body;
    qint64 m_remaining = 0; // of the body (Length) or of the chunk
    bool m_tooLarge = false;
    bool m_closeAfter = false;
};

} // namespace QAresPrivate::Transport

#endif // DOHHTTP1_P_H
