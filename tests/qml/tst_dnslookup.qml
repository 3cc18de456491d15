// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import QAres

TestCase {
    id: testCase
    name: "DnsLookup"

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

    DnsLookup {
        id: lookup
        resolver: testResolver
    }

    SignalSpy { id: finishedSpy; target: lookup; signalName: "finished" }

    Component {
        id: autoComponent
        DnsLookup {
            resolver: testResolver
            autoStart: true
        }
    }

    function init() {
        lookup.type = DnsLookup.Host
        finishedSpy.clear()
    }

    function run(name, type) {
        lookup.name = name
        if (type !== undefined)
            lookup.type = type
        const before = finishedSpy.count
        lookup.start()
        compare(lookup.running, true)
        compare(lookup.status, DnsLookup.Running)
        finishedSpy.wait(5000)
        compare(finishedSpy.count, before + 1)
        compare(lookup.running, false)
    }

    function test_host() {
        run("a.test")
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.error, AresError.NoError)
        compare(lookup.addresses, ["192.0.2.1", "2001:db8::1"])
        compare(lookup.ttls, [300, 600])
        compare(lookup.minimumTtl, 300)
        compare(lookup.results.length, 2)
        compare(lookup.results[0].address, "192.0.2.1")
        compare(lookup.results[0].ttl, 300)
        compare(lookup.results[1].family, "IPv6")
        compare(lookup.model.count, 2)
        verify(lookup.elapsed >= 0)
    }

    function test_families_data() {
        return [
            { tag: "ipv4", type: DnsLookup.HostIPv4, expected: ["192.0.2.1"] },
            { tag: "ipv6", type: DnsLookup.HostIPv6, expected: ["2001:db8::1"] },
            { tag: "any", type: DnsLookup.Host, expected: ["192.0.2.1", "2001:db8::1"] },
        ]
    }

    function test_families(data) {
        run("a.test", data.type)
        compare(lookup.addresses, data.expected)
    }

    function test_cname() {
        run("www.test", DnsLookup.HostIPv4)
        compare(lookup.addresses, ["192.0.2.1"])
        compare(lookup.canonicalName, "a.test")
    }

    function test_cname_chain_data() {
        return [
            { tag: "none", name: "a.test", type: DnsLookup.Host, chain: [] },
            { tag: "one", name: "www.test", type: DnsLookup.HostIPv4,
              chain: [{ name: "www.test", target: "a.test", ttl: 60 }] },
            { tag: "two", name: "alias.test", type: DnsLookup.Host,
              chain: [{ name: "alias.test", target: "www.test", ttl: 45 },
                      { name: "www.test", target: "a.test", ttl: 60 }] },
            { tag: "reverse", name: "192.0.2.1", type: DnsLookup.Reverse, chain: [] },
        ]
    }

    function test_cname_chain(data) {
        run(data.name, data.type)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.cnameChain.length, data.chain.length)
        for (let i = 0; i < data.chain.length; ++i) {
            const r = lookup.cnameChain[i]
            compare(r.type, DnsLookup.CNAME)
            compare(r.typeName, "CNAME")
            compare(r.name, data.chain[i].name)
            compare(r.target, data.chain[i].target)
            compare(r.ttl, data.chain[i].ttl)
            compare(r.display, data.chain[i].target + ".")
        }
        if (data.chain.length > 0)
            compare(lookup.canonicalName, "a.test")
    }

    function test_cname_chain_cleared() {
        run("www.test", DnsLookup.Host)
        compare(lookup.cnameChain.length, 1)
        lookup.name = "drop.test"
        lookup.start()
        compare(lookup.cnameChain.length, 0)
        lookup.abort()
        finishedSpy.wait(5000)
        compare(lookup.cnameChain.length, 0)
    }

    function test_errors_data() {
        return [
            { tag: "nxdomain", name: "missing.test", error: AresError.NotFoundError },
            { tag: "servfail", name: "servfail.test", error: AresError.ServerFailureError },
            { tag: "bad-name", name: "bad..name", error: AresError.InvalidRequestError },
            { tag: "timeout", name: "drop.test", error: AresError.TimeoutError },
            { tag: "formerr", name: "formerr.test", error: AresError.ServerFormatError },
        ]
    }

    function test_errors(data) {
        run(data.name, DnsLookup.HostIPv4)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, data.error)
        verify(lookup.errorString.length > 0)
        compare(lookup.addresses, [])
        compare(lookup.model.count, 0)
    }

    function test_reverse() {
        run("192.0.2.1", DnsLookup.Reverse)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.hostName, "a.test")
    }

    function test_nameInfo_data() {
        return [
            { tag: "found", address: "192.0.2.1", port: 80, flags: 0, status: DnsLookup.Done,
              host: "a.test", service: "http", numeric: false },
            { tag: "numeric-service", address: "192.0.2.1", port: 80,
              flags: AresNameInfo.NumericService, status: DnsLookup.Done,
              host: "a.test", service: "80", numeric: false },
            { tag: "udp", address: "192.0.2.1", port: 53, flags: AresNameInfo.DatagramService,
              status: DnsLookup.Done, host: "a.test", service: "domain", numeric: false },
            { tag: "numeric-host", address: "192.0.2.1", port: 443, flags: AresNameInfo.NumericHost,
              status: DnsLookup.Done, host: "192.0.2.1", service: "https", numeric: true },
            { tag: "no-name", address: "192.0.2.77", port: 0, flags: 0, status: DnsLookup.Done,
              host: "192.0.2.77", service: "", numeric: true },
            { tag: "name-required", address: "192.0.2.77", port: 80,
              flags: AresNameInfo.NameRequired, status: DnsLookup.Failed,
              error: AresError.NotFoundError },
            { tag: "bad-address", address: "not-an-address", port: 80, flags: 0,
              status: DnsLookup.Failed, error: AresError.InvalidRequestError },
            { tag: "bad-port", address: "192.0.2.1", port: 70000, flags: 0,
              status: DnsLookup.Failed, error: AresError.InvalidRequestError },
        ]
    }

    // getnameinfo from QML: type NameInfo with port and nameInfoFlags (services
    // from /etc/services: http 80/tcp, domain 53/udp, https 443/tcp).
    function test_nameInfo(data) {
        lookup.port = data.port
        lookup.nameInfoFlags = data.flags
        run(data.address, DnsLookup.NameInfo)
        compare(lookup.status, data.status)
        if (data.status === DnsLookup.Done) {
            compare(lookup.error, AresError.NoError)
            compare(lookup.hostName, data.host)
            compare(lookup.serviceName, data.service)
            compare(lookup.numericHost, data.numeric)
            compare(lookup.addresses, [data.address])
        } else {
            compare(lookup.error, data.error)
            verify(lookup.errorString.length > 0)
            compare(lookup.serviceName, "")
        }
        compare(lookup.typeName(DnsLookup.NameInfo), "NameInfo")
        lookup.port = 0
        lookup.nameInfoFlags = 0
    }

    function test_endpoints_data() {
        return [
            { tag: "service", service: "https", port: 0, flags: 0, type: DnsLookup.Host,
              expected: [["192.0.2.1", 443, 300], ["2001:db8::1", 443, 600]] },
            { tag: "port", service: "", port: 8080, flags: 0, type: DnsLookup.HostIPv4,
              expected: [["192.0.2.1", 8080, 300]] },
            { tag: "none", service: "", port: 0, flags: 0, type: DnsLookup.HostIPv6,
              expected: [["2001:db8::1", 0, 600]] },
            { tag: "v4mapped", service: "80", port: 0, flags: AresHostRequest.V4Mapped,
              type: DnsLookup.HostIPv6, name: "b.test", expected: [["::ffff:192.0.2.2", 80, 120]] },
            { tag: "unknown-service", service: "no-such-service", port: 0, flags: 0,
              type: DnsLookup.Host, error: AresError.InvalidRequestError },
            { tag: "numeric-service", service: "http", port: 0,
              flags: AresHostRequest.NumericService,
              type: DnsLookup.Host, error: AresError.InvalidRequestError },
        ]
    }

    // Host lookups with a service (https 443/tcp from /etc/services), a port or flags.
    function test_endpoints(data) {
        lookup.service = data.service
        lookup.port = data.port
        lookup.hostFlags = data.flags
        run(data.name !== undefined ? data.name : "a.test", data.type)
        if (data.error !== undefined) {
            compare(lookup.status, DnsLookup.Failed)
            compare(lookup.error, data.error)
            compare(lookup.endpoints, [])
        } else {
            compare(lookup.status, DnsLookup.Done)
            compare(lookup.endpoints.map(e => [e.address, e.port, e.ttl]), data.expected)
        }
        lookup.service = ""
        lookup.port = 0
        lookup.hostFlags = 0
    }

    function test_abort() {
        lookup.name = "drop.test"
        lookup.start()
        verify(lookup.running)
        lookup.abort()
        finishedSpy.wait(2000)
        compare(finishedSpy.count, 1)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.OperationCancelledError)
        // abort() when idle does nothing.
        lookup.abort()
        wait(50)
        compare(finishedSpy.count, 1)
    }

    function test_reuse() {
        // One element, several lookups in turn, each finishing once.
        const names = ["a.test", "b.test", "missing.test", "c.test"]
        const expected = [["192.0.2.1"], ["192.0.2.2"], [], ["192.0.2.3"]]
        for (let i = 0; i < names.length; ++i) {
            run(names[i], DnsLookup.HostIPv4)
            compare(lookup.addresses, expected[i])
        }
        compare(finishedSpy.count, names.length)
    }

    function test_restart_while_running() {
        lookup.name = "slow0.test"
        lookup.type = DnsLookup.HostIPv4
        lookup.start()
        lookup.name = "b.test"
        lookup.start()   // abandons the slow one: one finished, for b.test
        finishedSpy.wait(3000)
        compare(lookup.addresses, ["192.0.2.2"])
        wait(400)        // past the slow answer
        compare(finishedSpy.count, 1)
    }

    function test_elapsed() {
        run("slow1.test", DnsLookup.HostIPv4)
        verify(lookup.elapsed >= 190, "elapsed " + lookup.elapsed)
        // The resolver's own timings: elapsed is their total.
        verify(lookup.diagnostics.valid)
        verify(lookup.diagnostics.submitted)
        verify(lookup.diagnostics.wireMs >= 200, "wire " + lookup.diagnostics.wireMs)
        fuzzyCompare(lookup.diagnostics.totalMs,
                     lookup.diagnostics.queuedMs + lookup.diagnostics.wireMs, 0.001)
        compare(lookup.elapsed, Math.round(lookup.diagnostics.totalMs))
    }

    function test_autostart() {
        const auto = createTemporaryObject(autoComponent, testCase,
                                           { name: "a.test", type: DnsLookup.HostIPv4 })
        tryCompare(auto, "status", DnsLookup.Done)
        compare(auto.addresses, ["192.0.2.1"])
        // Name and type changed together: one new run.
        auto.name = "b.test"
        auto.type = DnsLookup.Host
        tryCompare(auto, "addresses", ["192.0.2.2"])
        auto.autoStart = false
        auto.name = "c.test"
        wait(100)
        compare(auto.addresses, ["192.0.2.2"])
    }

    function test_destroyed_while_running() {
        const auto = createTemporaryObject(autoComponent, testCase, { name: "drop.test" })
        tryCompare(auto, "running", true)
        auto.destroy()
        wait(50)
        verify(true)
    }
}
