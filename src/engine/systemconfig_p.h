// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_SYSTEMCONFIG_P_H
#define QARES_ENGINE_SYSTEMCONFIG_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qfilesystemwatcher.h>
#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qtimer.h>

#include <memory>

namespace QAresPrivate {

/*!
    Watches the files the resolvers of one thread read their configuration
    from (resolv.conf, the hosts file): one QFileSystemWatcher per thread,
    shared (on Linux one inotify descriptor, whatever the number of
    resolvers; inotify instances are limited per user). A file replaced by
    a rename, as NetworkManager and systemd-resolved write it, is noticed
    through its directory. After a burst of changes has settled (50 ms of
    quiet) changed() fires once for each file whose identity (device,
    inode, size, modification time) differs from the one last seen,
    missing included.

    It also follows the network through QNetworkInformation where a
    backend is loaded (see followNetwork()): a change of reachability or
    of the transport medium makes networkChanged() fire once, after the
    same settling time.
*/
class SystemConfigWatcher final : public QObject
{
    Q_OBJECT
public:
    //! The current thread's watcher, made when none is alive.
    static std::shared_ptr<SystemConfigWatcher> forCurrentThread();
    ~SystemConfigWatcher() override;

    //! Counted: each watch() of a path is undone by one unwatch().
    void watch(const QString &path);
    void unwatch(const QString &path);

Q_SIGNALS:
    void changed(const QString &path);
    void networkChanged();

private:
    SystemConfigWatcher();
    void followNetwork();
    void noteNetwork(int reachability, int transportMedium);
    void settle();
    struct Identity
    {
        bool exists = false;
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = 0;
        qint64 mtimeNs = 0;
        bool operator==(const Identity &o) const
        {
            return exists == o.exists && device == o.device && inode == o.inode && size == o.size
                    && mtimeNs == o.mtimeNs;
        }
    };
    static Identity identityOf(const QString &path);
    void addToWatcher(const QString &path);

    struct Entry
    {
        int refs = 0;
        Identity identity;
    };
    QFileSystemWatcher m_watcher;
    QHash<QString, Entry> m_files;
    QTimer m_settle;
    int m_reachability = -1; // QNetworkInformation's, as last seen; -1: not followed
    int m_transportMedium = -1;
    bool m_networkChanged = false; // noticed, not yet reported by settle()
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_SYSTEMCONFIG_P_H
