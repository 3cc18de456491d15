// SPDX-License-Identifier: MIT
#include "demo.h"

#include <QtCore/qtextstream.h>
#include <QtQml/qqmlengine.h>

Demo *Demo::instance()
{
    static Demo *demo = new Demo;
    return demo;
}

Demo *Demo::create(QQmlEngine *, QJSEngine *)
{
    Demo *demo = instance();
    QQmlEngine::setObjectOwnership(demo, QQmlEngine::CppOwnership);
    return demo;
}

void Demo::runFinished(const QVariantMap &stats)
{
    const auto num = [&stats](const char *key) { return stats.value(QLatin1String(key)).toDouble(); };
    const int rows = int(num("rows"));
    const int finished = int(num("finished"));
    const int compareRows = int(num("compareRows"));
    const int compareFinished = int(num("compareFinished"));
    const QString compareName = stats.value(QStringLiteral("compare")).toString();
    QString line;
    QTextStream(&line) << "rows=" << rows << " finished=" << finished << " failed=" << int(num("failed"))
                       << " wall=" << qRound(num("wall")) << "ms sum=" << qRound(num("sum")) << "ms"
                       << " parallelism=" << QString::number(num("parallelism"), 'f', 1) << "x"
                       << " lookups/s=" << qRound(num("rate")) << " compare=" << compareName
                       << " compare_rows=" << compareRows << " compare_finished=" << compareFinished
                       << " compare_wall=" << qRound(num("compareWall")) << "ms"
                       << " compare_parallelism=" << QString::number(num("compareParallelism"), 'f', 1) << "x"
                       << " type=" << stats.value(QStringLiteral("type")).toString();
    QTextStream(stdout) << line << Qt::endl;
    Q_EMIT summaryReady(line, rows == finished && compareRows == compareFinished);
}
