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
    const auto num = [&stats](const char *key) {
        return stats.value(QLatin1String(key)).toDouble();
    };
    const int rows = int(num("rows"));
    const int finished = int(num("finished"));
    const int compareRows = int(num("compareRows"));
    const int compareFinished = int(num("compareFinished"));
    const QString compareName = stats.value(QStringLiteral("compare")).toString();
    const auto ms = [](double value) { return QString::number(value, 'f', 1); };
    QString line;
    // Per lane: wall time (first start to last end), lookups per second over
    // it, the most lookups running at once, median and 95th percentile
    // lookup time (QAres: as the resolver measured them).
    QTextStream(&line) << "rows=" << rows << " finished=" << finished
                       << " failed=" << int(num("failed")) << " wall=" << ms(num("wall"))
                       << "ms lookups/s=" << qRound(num("rate")) << " peak=" << int(num("peak"))
                       << " median=" << ms(num("median")) << "ms"
                       << " p95=" << ms(num("p95")) << "ms"
                       << " compare=" << compareName << " compare_rows=" << compareRows
                       << " compare_finished=" << compareFinished
                       << " compare_wall=" << ms(num("compareWall"))
                       << "ms compare_lookups/s=" << qRound(num("compareRate"))
                       << " compare_peak=" << int(num("comparePeak"))
                       << " compare_median=" << ms(num("compareMedian")) << "ms"
                       << " compare_p95=" << ms(num("compareP95")) << "ms"
                       << " type=" << stats.value(QStringLiteral("type")).toString();
    QTextStream(stdout) << line << Qt::endl;
    Q_EMIT summaryReady(line, rows == finished && compareRows == compareFinished);
}
