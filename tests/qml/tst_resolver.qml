// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import QAres

TestCase {
    id: testCase
    name: "Resolver"

    Resolver {
        id: configured
        servers: [fakeServer]
        timeout: 300
        tries: 1
        ndots: 1
        searchDomains: ["test"]
        lookupOrder: Resolver.DnsOnly
        noSearch: true
        edns: true
        tcpOnly: false
        maxQueriesInFlight: 20
        adaptiveQueryWindow: false
        deadline: 2000
        watchSystemConfiguration: false
    }

    Resolver {
        id: broken
        servers: ["not a server"]
    }

    Resolver {
        id: caching
        servers: [fakeServer]
        timeout: 300
        tries: 1
        lookupOrder: Resolver.DnsOnly
        noSearch: true
        watchSystemConfiguration: false
        maximumTtl: 3600
        staleAnswerLimit: 60
    }

    Component {
        id: lookupComponent
        DnsLookup { }
    }

    SignalSpy { id: optionsSpy; target: configured; signalName: "optionsChanged" }
    SignalSpy { id: reloadSpy; target: configured; signalName: "systemConfigurationChanged" }

    function test_properties() {
        compare(configured.servers, [fakeServer])
        compare(configured.timeout, 300)
        compare(configured.tries, 1)
        compare(configured.ndots, 1)
        compare(configured.searchDomains, ["test"])
        compare(configured.lookupOrder, Resolver.DnsOnly)
        verify(configured.noSearch)
        verify(configured.edns)
        verify(!configured.tcpOnly)
        compare(configured.maxQueriesInFlight, 20)
        verify(!configured.adaptiveQueryWindow)
        verify(broken.adaptiveQueryWindow) // the default
        compare(configured.deadline, 2000)
        verify(!configured.watchSystemConfiguration)
        verify(broken.watchSystemConfiguration) // the default
        verify(configured.valid)
        compare(configured.errorString, "")
    }

    function test_change_notifies() {
        optionsSpy.clear()
        configured.tries = 2
        compare(optionsSpy.count, 1)
        configured.tries = 2
        compare(optionsSpy.count, 1)
        configured.tries = 1
        compare(optionsSpy.count, 2)
        configured.adaptiveQueryWindow = true
        compare(optionsSpy.count, 3)
        configured.adaptiveQueryWindow = false
        compare(optionsSpy.count, 4)
        configured.watchSystemConfiguration = true
        compare(optionsSpy.count, 5)
        configured.watchSystemConfiguration = false
        compare(optionsSpy.count, 6)
    }

    function test_bad_servers() {
        verify(!broken.valid)
        verify(broken.errorString.length > 0)
        const lookup = createTemporaryObject(lookupComponent, testCase,
                                             { name: "a.test", resolver: broken })
        lookup.start()
        tryCompare(lookup, "status", DnsLookup.Failed)
        compare(lookup.error, AresError.ResolverError)
        // Fixing the servers makes the same resolver usable.
        broken.servers = [fakeServer]
        broken.lookupOrder = Resolver.DnsOnly
        broken.noSearch = true
        verify(broken.valid)
        lookup.start()
        tryCompare(lookup, "status", DnsLookup.Done)
        compare(lookup.addresses, ["192.0.2.1", "2001:db8::1"])
    }

    function test_reloadSystemConfiguration() {
        reloadSpy.clear()
        verify(configured.reloadSystemConfiguration())
        compare(reloadSpy.count, 1)
        // The explicit servers stay: the same names resolve.
        const lookup = createTemporaryObject(lookupComponent, testCase,
                                             { name: "a.test", resolver: configured })
        lookup.start()
        tryCompare(lookup, "status", DnsLookup.Done)
        compare(lookup.addresses, ["192.0.2.1", "2001:db8::1"])
    }

    function test_default_resolver() {
        DefaultResolver.servers = [fakeServer]
        DefaultResolver.tries = 1
        DefaultResolver.timeout = 300
        DefaultResolver.lookupOrder = Resolver.DnsOnly
        DefaultResolver.noSearch = true
        const lookup = createTemporaryObject(lookupComponent, testCase, { name: "b.test" })
        compare(lookup.resolver, null)
        lookup.start()
        tryCompare(lookup, "status", DnsLookup.Done)
        compare(lookup.addresses, ["192.0.2.2"])
    }

    function test_cache() {
        verify(broken.cacheEnabled) // the defaults
        compare(broken.maximumCacheEntries, 10000)
        compare(broken.minimumTtl, 0)
        compare(broken.maximumTtl, 86400)
        compare(broken.maximumNegativeTtl, 900)
        compare(broken.staleAnswerLimit, 0)
        compare(caching.maximumTtl, 3600)
        compare(caching.staleAnswerLimit, 60)
        const fromCache = []
        for (let i = 0; i < 3; ++i) {
            if (i === 2)
                caching.flushCache("C.test")
            const lookup = createTemporaryObject(lookupComponent, testCase,
                                                 { name: "c.test", resolver: caching })
            lookup.start()
            tryCompare(lookup, "status", DnsLookup.Done)
            compare(lookup.addresses, ["192.0.2.3"])
            fromCache.push(lookup.diagnostics.fromCache)
        }
        compare(fromCache, [false, true, false])
        caching.flushCache()
        caching.cacheEnabled = false
        verify(!caching.cacheEnabled)
    }

    function test_abortAll() {
        const one = createTemporaryObject(lookupComponent, testCase,
                                          { name: "drop.test", resolver: configured })
        const two = createTemporaryObject(lookupComponent, testCase,
                                          { name: "drop.test", resolver: configured })
        one.start()
        two.start()
        compare(configured.pendingLookups(), 2)
        configured.abortAll()
        tryCompare(one, "status", DnsLookup.Failed)
        tryCompare(two, "status", DnsLookup.Failed)
        compare(one.error, AresError.OperationCancelledError)
        compare(two.error, AresError.OperationCancelledError)
    }
}
