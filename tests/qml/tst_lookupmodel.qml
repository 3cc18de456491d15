// SPDX-License-Identifier: MIT
import QtQuick
import QtQml.Models
import QtTest
import QAres

TestCase {
    id: testCase
    name: "LookupModel"

    Resolver {
        id: testResolver
        servers: [fakeServer]
        cacheEnabled: false // the servers' TTLs and timings, each lookup a query
        timeout: 300
        tries: 1
        lookupOrder: Resolver.DnsOnly
        noSearch: true
        deadline: 3000
    }

    LookupModel {
        id: model
        resolver: testResolver
        type: DnsLookup.HostIPv4
    }

    LookupStatistics { id: modelStats; model: model; origin: model.origin }

    // A lane that is not a LookupModel: rows with status, startTime and endTime.
    ListModel { id: handRows }
    LookupStatistics { id: handStats; model: handRows }
    SignalSpy { id: handSpy; target: handStats; signalName: "statsChanged" }

    SignalSpy { id: finishedSpy; target: model; signalName: "finished" }
    SignalSpy { id: rowSpy; target: model; signalName: "rowFinished" }

    // A delegate binding to the roles, as the demo does.
    Repeater {
        id: repeater
        model: model
        delegate: Item {
            required property string name
            required property int status
            required property string answer
            required property real duration
        }
    }

    function init() {
        finishedSpy.clear()
        rowSpy.clear()
    }

    function test_rows_and_roles() {
        model.names = ["a.test", "b.test", "missing.test", "servfail.test"]
        compare(model.count, 4)
        compare(repeater.count, 4)
        compare(model.get(0).name, "a.test")
        compare(model.get(0).status, LookupModel.Idle)
        compare(model.get(0).statusText, "idle")
        model.start()
        compare(model.running, true)
        compare(model.runningCount, 4)
        compare(model.get(1).status, LookupModel.Running)
        finishedSpy.wait(5000)
        compare(finishedSpy.count, 1)
        compare(rowSpy.count, 4)
        compare(model.running, false)
        compare(model.runningCount, 0)
        compare(model.finishedCount, 4)
        compare(model.failedCount, 2)

        const a = model.get(0)
        compare(a.status, LookupModel.Done)
        compare(a.answer, "192.0.2.1")
        compare(a.addresses, ["192.0.2.1"])
        compare(a.ttl, 300)
        verify(a.startTime >= 0)
        verify(a.endTime >= a.startTime)
        compare(a.duration, a.endTime - a.startTime)
        compare(a.error, AresError.NoError)
        // The duration is the resolver's own (AresDiagnostics), split into queued + wire.
        verify(a.diagnostics.valid)
        verify(a.diagnostics.submitted)
        fuzzyCompare(a.duration, a.diagnostics.totalMs, 0.001)
        fuzzyCompare(a.queuedTime + a.wireTime, a.duration, 0.001)
        compare(a.queuedTime, a.diagnostics.queuedMs)
        compare(a.wireTime, a.diagnostics.wireMs)
        verify(a.deliveredTime >= a.endTime, "delivered " + a.deliveredTime + " end " + a.endTime)
        verify(model.get(3).diagnostics.valid)
        verify(model.get(3).wireTime > 0)

        compare(model.get(2).status, LookupModel.Failed)
        compare(model.get(2).error, AresError.NotFoundError)
        verify(model.get(2).answer.length > 0)
        compare(model.get(3).error, AresError.ServerFailureError)
        compare(repeater.itemAt(0).answer, "192.0.2.1")
        compare(repeater.itemAt(0).status, LookupModel.Done)
        verify(model.wallTime > 0)
        verify(model.totalTime > 0)
        verify(model.origin > 0)
    }

    function test_parallel() {
        const names = []
        for (let i = 0; i < 8; ++i)
            names.push("slow" + i + ".test")
        model.names = names
        model.start()
        compare(model.runningCount, 8)
        finishedSpy.wait(5000)
        compare(model.finishedCount, 8)
        compare(model.failedCount, 0)
        // Eight 200 ms lookups at once, all running together.
        verify(model.totalTime >= 8 * 190, "total " + model.totalTime)
        compare(model.peakRunning, 8)
        verify(model.medianDuration >= 190, "median " + model.medianDuration)
        verify(model.p95Duration >= model.medianDuration, "p95 " + model.p95Duration)
        verify(model.wallTime >= model.p95Duration, "wall " + model.wallTime)
        verify(model.wallTime < 1000, "wall " + model.wallTime)
        verify(model.lookupsPerSecond > 8, "lookups/s " + model.lookupsPerSecond)
        // Every row started at once: overlapping intervals.
        for (let r = 0; r < 8; ++r) {
            verify(model.get(r).startTime < model.get(0).endTime)
            verify(model.get(r).wireTime >= 190, "wire " + model.get(r).wireTime)
        }
    }

    // A GUI thread busy in the delivery (each row's handler blocks 150 ms, as
    // a slow render would): the durations stay the lookups' own.
    function test_busy_delivery_not_counted() {
        const names = []
        for (let i = 0; i < 6; ++i)
            names.push("slow" + i + ".test")
        model.names = names
        const block = function() {
            const t = Date.now()
            while (Date.now() - t < 150) { }
        }
        model.rowFinished.connect(block)
        model.start()
        finishedSpy.wait(10000)
        model.rowFinished.disconnect(block)
        compare(model.finishedCount, 6)
        let lastDelivered = 0
        for (let r = 0; r < 6; ++r) {
            const row = model.get(r)
            verify(row.duration >= 190 && row.duration < 600,
                   "row " + r + " duration " + row.duration)
            lastDelivered = Math.max(lastDelivered, row.deliveredTime - row.startTime)
        }
        // The last delivery waited for the handlers before it (5 x 150 ms).
        verify(lastDelivered >= 190 + 5 * 150, "last delivered after " + lastDelivered)
        verify(model.p95Duration < 600, "p95 " + model.p95Duration)
    }

    function test_abort() {
        model.names = ["drop.test", "drop.test", "a.test"]
        model.start()
        model.abort()
        finishedSpy.wait(3000)
        compare(model.finishedCount, 3)
        compare(model.get(0).error, AresError.OperationCancelledError)
        compare(model.get(1).error, AresError.OperationCancelledError)
    }

    function test_restart_and_edit() {
        model.names = ["a.test", "b.test"]
        model.start()
        model.start()     // restarts every row: one finished for the second run
        finishedSpy.wait(3000)
        wait(50)
        compare(finishedSpy.count, 1)
        compare(model.finishedCount, 2)

        model.setName(1, "c.test")
        compare(model.get(1).status, LookupModel.Idle)
        compare(model.finishedCount, 1)
        model.append("www.test")
        compare(model.count, 3)
        compare(model.names, ["a.test", "c.test", "www.test"])
        model.startRow(1)
        model.startRow(2)
        tryCompare(model, "finishedCount", 3)
        compare(model.get(1).answer, "192.0.2.3")
        compare(model.get(2).answer, "192.0.2.1")
        compare(model.get(2).canonicalName, "a.test")
        model.remove(0)
        compare(model.count, 2)
        compare(model.finishedCount, 2)
        model.clear()
        compare(model.count, 0)
    }

    function test_default_resolver() {
        DefaultResolver.servers = [fakeServer]
        DefaultResolver.lookupOrder = Resolver.DnsOnly
        DefaultResolver.noSearch = true
        DefaultResolver.tries = 1
        model.resolver = null
        model.names = ["b.test"]
        model.start()
        finishedSpy.wait(3000)
        compare(model.get(0).answer, "192.0.2.2")
        model.resolver = testResolver
    }

    function test_teardown_pending() {
        // Leaves lookups running: the engine is torn down with them pending after this file.
        model.names = ["drop.test", "slow2.test", "slow3.test"]
        model.start()
        verify(model.running)
    }

    // The total to 6 decimals: the model adds the durations as rows end, the
    // statistics in row order, and floating-point sums differ in the last bits.
    function statsText(s) {
        return "running=" + s.runningCount + " finished=" + s.finishedCount
                + " failed=" + s.failedCount + " total=" + Number(s.totalTime.toFixed(6))
                + " peak=" + s.peakRunning + " median=" + s.medianDuration
                + " p95=" + s.p95Duration
    }

    function test_statistics_of_any_model() {
        handRows.clear()
        compare(statsText(handStats) + " wall=" + handStats.wallTime,
                "running=0 finished=0 failed=0 total=0 peak=0 median=0 p95=0 wall=0")
        handRows.append({ status: LookupModel.Done, startTime: 0, endTime: 10 })
        handRows.append({ status: LookupModel.Failed, startTime: 5, endTime: 20 })
        handRows.append({ status: LookupModel.Done, startTime: 12, endTime: 40 })
        handRows.append({ status: LookupModel.Running, startTime: 30, endTime: -1 })
        handRows.append({ status: LookupModel.Idle, startTime: -1, endTime: -1 })
        // Without an origin a running lane's wall time ends at the last end.
        compare(statsText(handStats) + " wall=" + handStats.wallTime + " rate="
                + handStats.lookupsPerSecond + " running=" + handStats.running,
                "running=1 finished=3 failed=1 total=53 peak=2 median=15 p95=28 wall=40"
                + " rate=75 running=true")
        handSpy.clear()
        handRows.setProperty(3, "endTime", 50)
        handRows.setProperty(3, "status", LookupModel.Done)
        verify(handSpy.count >= 2, "statsChanged " + handSpy.count)
        compare(statsText(handStats) + " wall=" + handStats.wallTime,
                "running=0 finished=4 failed=1 total=73 peak=2 median=17.5 p95=28 wall=50")
        handRows.remove(0)
        compare(statsText(handStats) + " wall=" + handStats.wallTime,
                "running=0 finished=3 failed=1 total=63 peak=2 median=20 p95=28 wall=45")
    }

    // LookupStatistics over a LookupModel counts as the model itself does.
    function test_statistics_match_the_model() {
        model.names = ["a.test", "missing.test", "slow1.test", "slow2.test", "servfail.test"]
        model.start()
        compare(modelStats.runningCount, model.runningCount)
        verify(modelStats.running)
        finishedSpy.wait(5000)
        compare(statsText(modelStats), statsText(model))
        compare(modelStats.finishedCount, 5)
        compare(modelStats.failedCount, 2)
        // The model's wall time starts at start(), the statistics' at the first row's start.
        verify(Math.abs(modelStats.wallTime - model.wallTime) < 5,
               "wall " + modelStats.wallTime + " vs " + model.wallTime)
    }
}
