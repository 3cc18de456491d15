// SPDX-License-Identifier: MIT
#include "systemconfig_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>
#include <QtNetwork/qnetworkinformation.h>

#include <sys/stat.h>

#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcAres)

namespace QAresPrivate {

using namespace std::chrono_literals;

std::shared_ptr<SystemConfigWatcher> SystemConfigWatcher::forCurrentThread()
{
    // Held by the resolvers of this thread only: it dies with the last one.
    thread_local std::weak_ptr<SystemConfigWatcher> current;
    std::shared_ptr<SystemConfigWatcher> watcher = current.lock();
    if (!watcher) {
        watcher.reset(new SystemConfigWatcher);
        current = watcher;
    }
    return watcher;
}

SystemConfigWatcher::SystemConfigWatcher()
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(50ms);
    connect(&m_settle, &QTimer::timeout, this, &SystemConfigWatcher::settle);
    auto touched = [this] { m_settle.start(); };
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, touched);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, touched);
    followNetwork();
}

/*
    QNetworkInformation is one object for the application. When none is
    loaded yet, the application's thread loads the backend that reports
    reachability (on Linux GNetworkMonitor's or NetworkManager's); other
    threads use the one the application loaded, if any. Without a backend
    only the files are followed.
*/
void SystemConfigWatcher::followNetwork()
{
    QNetworkInformation *information = QNetworkInformation::instance();
    const QCoreApplication *application = QCoreApplication::instance();
    if (!information && application && QThread::currentThread() == application->thread()
        && QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        information = QNetworkInformation::instance();
    }
    if (!information) {
        qCDebug(lcAres) << "no QNetworkInformation backend: network changes are not followed";
        return;
    }
    m_reachability = int(information->reachability());
    m_transportMedium = int(information->transportMedium());
    // Queued where the backend lives in another thread.
    connect(information, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                noteNetwork(int(reachability), m_transportMedium);
            });
    connect(information, &QNetworkInformation::transportMediumChanged, this,
            [this](QNetworkInformation::TransportMedium medium) {
                noteNetwork(m_reachability, int(medium));
            });
}

void SystemConfigWatcher::noteNetwork(int reachability, int transportMedium)
{
    if (reachability == m_reachability && transportMedium == m_transportMedium)
        return;
    qCDebug(lcAres) << "network changed: reachability" << reachability << "transport medium"
                    << transportMedium;
    m_reachability = reachability;
    m_transportMedium = transportMedium;
    m_networkChanged = true;
    m_settle.start();
}

SystemConfigWatcher::~SystemConfigWatcher() = default;

void SystemConfigWatcher::watch(const QString &path)
{
    Entry &entry = m_files[path];
    if (entry.refs++ > 0)
        return;
    entry.identity = identityOf(path);
    addToWatcher(path);
}

void SystemConfigWatcher::unwatch(const QString &path)
{
    const auto it = m_files.find(path);
    if (it == m_files.end() || --it->refs > 0)
        return;
    m_files.erase(it);
    m_watcher.removePath(path);
    // The directory stays watched while another file of it is.
    const QString dir = QFileInfo(path).absolutePath();
    for (auto other = m_files.cbegin(); other != m_files.cend(); ++other) {
        if (QFileInfo(other.key()).absolutePath() == dir)
            return;
    }
    m_watcher.removePath(dir);
}

void SystemConfigWatcher::addToWatcher(const QString &path)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!m_watcher.directories().contains(dir) && QFileInfo::exists(dir))
        m_watcher.addPath(dir);
    // A file replaced by a rename is no longer the one watched: add it again.
    if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
        m_watcher.addPath(path);
}

SystemConfigWatcher::Identity SystemConfigWatcher::identityOf(const QString &path)
{
    Identity identity;
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return identity;
    identity.exists = true;
    identity.device = quint64(st.st_dev);
    identity.inode = quint64(st.st_ino);
    identity.size = qint64(st.st_size);
    identity.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return identity;
}

void SystemConfigWatcher::settle()
{
    QStringList changedFiles;
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        const Identity now = identityOf(it.key());
        if (now == it->identity)
            continue;
        it->identity = now;
        changedFiles.append(it.key());
        addToWatcher(it.key());
    }
    const QPointer<SystemConfigWatcher> alive(this); // a slot may destroy the last resolver
    for (const QString &path : std::as_const(changedFiles)) {
        qCDebug(lcAres) << "system configuration changed:" << path;
        Q_EMIT changed(path);
        if (!alive)
            return;
    }
    if (std::exchange(m_networkChanged, false))
        Q_EMIT networkChanged();
}

} // namespace QAresPrivate

#include "moc_systemconfig_p.cpp"
