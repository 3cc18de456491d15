// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import QAres

// Record lookups (DnsLookup.type = a wire type) against the fake server; the
// records are set up in tst_qml.cpp (addRecordTypes()).
TestCase {
    id: testCase
    name: "DnsLookupRecords"

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

    Resolver {
        id: searchResolver
        servers: [fakeServer]
        cacheEnabled: false // the servers' TTLs and timings, each lookup a query
        timeout: 300
        tries: 1
        lookupOrder: Resolver.DnsOnly
        searchDomains: ["test"]
        ndots: 1
        deadline: 3000
    }

    DnsLookup {
        id: lookup
        resolver: testResolver
    }

    SignalSpy { id: finishedSpy; target: lookup; signalName: "finished" }

    // A view on the lookup's model, reading the roles as a delegate does.
    Repeater {
        id: recordView
        model: lookup.model
        delegate: Item {
            required property int type
            required property string typeName
            required property string name
            required property int ttl
            required property string display
            required property var record
        }
    }

    LookupModel {
        id: model
        resolver: testResolver
        type: DnsLookup.MX
    }

    SignalSpy { id: modelSpy; target: model; signalName: "finished" }

    Repeater {
        id: rowView
        model: model
        delegate: Item {
            required property string answer
            required property var records
            required property int ttl
            required property int type
        }
    }

    function init() {
        lookup.resolver = testResolver
        lookup.search = false
        finishedSpy.clear()
        modelSpy.clear()
    }

    function run(name, type) {
        lookup.name = name
        lookup.type = type
        const before = finishedSpy.count
        lookup.start()
        compare(lookup.running, true)
        compare(finishedSpy.count, before, "finished is never emitted inside start()")
        finishedSpy.wait(5000)
        compare(finishedSpy.count, before + 1)
        compare(lookup.running, false)
    }

    function test_enum_values() {
        compare(DnsLookup.A, 1)
        compare(DnsLookup.NS, 2)
        compare(DnsLookup.CNAME, 5)
        compare(DnsLookup.SOA, 6)
        compare(DnsLookup.PTR, 12)
        compare(DnsLookup.MX, 15)
        compare(DnsLookup.TXT, 16)
        compare(DnsLookup.AAAA, 28)
        compare(DnsLookup.SRV, 33)
        compare(DnsLookup.NAPTR, 35)
        compare(DnsLookup.DNAME, 39)
        compare(DnsLookup.TLSA, 52)
        compare(DnsLookup.SVCB, 64)
        compare(DnsLookup.HTTPS, 65)
        compare(DnsLookup.ANY, 255)
        compare(DnsLookup.URI, 256)
        compare(DnsLookup.CAA, 257)
        compare(DnsLookup.Host, 0x10000)
        compare(DnsLookup.Reverse, 0x10003)
        compare(lookup.typeName(DnsLookup.HTTPS), "HTTPS")
        compare(lookup.typeName(64000), "TYPE64000")
        compare(lookup.typeName(DnsLookup.HostIPv6), "HostIPv6")
    }

    function test_mx() {
        run("mx.test", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.error, AresError.NoError)
        compare(lookup.records.length, 2)
        const first = lookup.records[0]
        compare(first.type, DnsLookup.MX)
        compare(first.typeName, "MX")
        compare(first.name, "mx.test")
        compare(first.ttl, 3600)
        compare(first.preference, 10)
        compare(first.exchange, "mx1.mx.test")
        compare(first.display, "10 mx1.mx.test.")
        compare(lookup.records[1].preference, 20)
        compare(lookup.records[1].exchange, "mx2.mx.test")
        compare(lookup.records[1].ttl, 1800)
        compare(lookup.minimumTtl, 1800)
        compare(lookup.rcode, 0)
        compare(lookup.authoritative, true)
        compare(lookup.negativeTtl, -1)
        compare(lookup.authoritySoa, {})
        compare(lookup.canonicalName, "mx.test")
        compare(lookup.hostName, "mx.test")
        compare(lookup.cnameChain.length, 0)
        compare(lookup.addresses, [])
        compare(lookup.results, [])
        // The same records through the model.
        compare(lookup.model.count, 2)
        compare(recordView.count, 2)
        compare(recordView.itemAt(0).type, DnsLookup.MX)
        compare(recordView.itemAt(0).typeName, "MX")
        compare(recordView.itemAt(0).name, "mx.test")
        compare(recordView.itemAt(0).ttl, 3600)
        compare(recordView.itemAt(0).display, "10 mx1.mx.test.")
        compare(recordView.itemAt(1).record.exchange, "mx2.mx.test")
        // Plain JS objects: they survive JSON.
        compare(JSON.parse(JSON.stringify(lookup.records))[1].preference, 20)
    }

    function test_mx_through_cname() {
        run("mail.test", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 2)
        compare(lookup.records[0].name, "mx.test")
        compare(lookup.canonicalName, "mx.test")
        compare(lookup.hostName, "mail.test")
        compare(lookup.cnameChain.length, 1)
        compare(lookup.cnameChain[0].typeName, "CNAME")
        compare(lookup.cnameChain[0].name, "mail.test")
        compare(lookup.cnameChain[0].target, "mx.test")
        compare(lookup.cnameChain[0].ttl, 60)
        compare(lookup.aliases, ["mail.test"])
        compare(lookup.minimumTtl, 1800)
    }

    function test_txt() {
        run("txt.test", DnsLookup.TXT)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 2)
        const spf = lookup.records[0]
        compare(spf.typeName, "TXT")
        compare(spf.text, "v=spf1 -all")
        compare(spf.strings, ["v=spf1 -all"])
        compare(spf.ttl, 120)
        compare(spf.display, "\"v=spf1 -all\"")
        const two = lookup.records[1]
        compare(two.strings, ["hello ", "world"])
        compare(two.text, "hello world")
        compare(two.ttl, 240)
        compare(lookup.minimumTtl, 120)
    }

    function test_srv() {
        run("_sip._tcp.srv.test", DnsLookup.SRV)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 2)
        const srv = lookup.records[0]
        compare(srv.typeName, "SRV")
        compare(srv.priority, 10)
        compare(srv.weight, 60)
        compare(srv.port, 5060)
        compare(srv.target, "sip1.srv.test")
        compare(srv.ttl, 86400)
        compare(srv.display, "10 60 5060 sip1.srv.test.")
        compare(lookup.records[1].port, 5061)
        compare(lookup.records[1].weight, 0)
    }

    function test_https() {
        run("https.test", DnsLookup.HTTPS)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 1)
        const https = lookup.records[0]
        compare(https.type, 65)
        compare(https.typeName, "HTTPS")
        compare(https.priority, 1)
        compare(https.aliasMode, false)
        compare(https.target, ".")
        compare(https.alpn, ["h2", "h3"])
        compare(https.noDefaultAlpn, false)
        compare(https.port, 8443)
        compare(https.ipv4Hints, ["192.0.2.10"])
        compare(https.ipv6Hints, ["2001:db8::10"])
        compare(https.ttl, 300)
        verify(https.display.startsWith("1 . "), https.display)
        verify(https.display.indexOf("alpn=\"h2,h3\"") > 0, https.display)
        verify(https.display.indexOf("port=8443") > 0, https.display)
    }

    function test_caa() {
        run("caa.test", DnsLookup.CAA)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 1)
        const caa = lookup.records[0]
        compare(caa.type, 257)
        compare(caa.flags, 0)
        compare(caa.critical, false)
        compare(caa.tag, "issue")
        compare(caa.value, "letsencrypt.org")
        compare(caa.ttl, 3600)
        compare(caa.display, "0 issue \"letsencrypt.org\"")
    }

    function test_unknown_type() {
        run("unknown.test", 64000)
        compare(lookup.type, 64000)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.records.length, 1)
        const raw = lookup.records[0]
        compare(raw.type, 64000)
        compare(raw.typeName, "TYPE64000")
        compare(raw.decoded, false)
        compare(raw.rdata, "00ff10")
        compare(raw.ttl, 42)
        compare(raw.display, "\\# 3 00ff10")
    }

    function test_a_and_aaaa_records() {
        run("a.test", DnsLookup.A)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.addresses, ["192.0.2.1"])
        compare(lookup.ttls, [300])
        compare(lookup.records.length, 1)
        compare(lookup.records[0].address, "192.0.2.1")
        compare(lookup.records[0].family, "IPv4")
        compare(lookup.results[0].ttl, 300)
        run("a.test", DnsLookup.AAAA)
        compare(lookup.addresses, ["2001:db8::1"])
        compare(lookup.ttls, [600])
        compare(lookup.records[0].typeName, "AAAA")
        compare(lookup.model.count, 1)
        compare(recordView.itemAt(0).display, "2001:db8::1")
    }

    function test_nodata_with_soa() {
        run("a.test", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.NoDataError)
        verify(lookup.errorString.length > 0)
        compare(lookup.rcode, 0)
        compare(lookup.negativeTtl, 30)
        compare(lookup.authoritySoa.typeName, "SOA")
        compare(lookup.authoritySoa.name, "test")
        compare(lookup.authoritySoa.minimum, 30)
        compare(lookup.records, [])
        compare(lookup.model.count, 0)
    }

    function test_nxdomain() {
        run("missing.test", DnsLookup.TXT)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.NotFoundError)
        compare(lookup.rcode, 3)
        compare(lookup.negativeTtl, 30)
        compare(lookup.authoritySoa.name, "test")
        compare(lookup.records, [])
    }

    function test_servfail() {
        run("servfail.test", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.ServerFailureError)
        compare(lookup.records, [])
    }

    function test_invalid_type() {
        run("a.test", 70000)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.InvalidRequestError)
        verify(lookup.errorString.indexOf("70000") >= 0, lookup.errorString)
    }

    function test_search() {
        lookup.resolver = searchResolver
        lookup.search = true
        run("mx", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.canonicalName, "mx.test")
        compare(lookup.records.length, 2)
        compare(lookup.records[0].exchange, "mx1.mx.test")
        // query(): exactly "mx", which does not exist.
        lookup.search = false
        run("mx", DnsLookup.MX)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.NotFoundError)
    }

    function test_abort() {
        lookup.name = "drop.test"
        lookup.type = DnsLookup.MX
        lookup.start()
        verify(lookup.running)
        lookup.abort()
        finishedSpy.wait(2000)
        compare(finishedSpy.count, 1)
        compare(lookup.status, DnsLookup.Failed)
        compare(lookup.error, AresError.OperationCancelledError)
        compare(lookup.records, [])
        wait(400) // past the resolver's timeout: nothing more arrives
        compare(finishedSpy.count, 1)
    }

    function test_reuse_host_then_records() {
        // One element: host, MX, TXT, reverse, host again; each result replaces the last.
        run("a.test", DnsLookup.Host)
        compare(lookup.addresses, ["192.0.2.1", "2001:db8::1"])
        compare(lookup.records.map(r => r.typeName), ["A", "AAAA"])
        compare(lookup.records.map(r => r.ttl), [300, 600])
        compare(lookup.records[0].name, "a.test")
        compare(lookup.rcode, -1)

        run("mx.test", DnsLookup.MX)
        compare(lookup.addresses, [])
        compare(lookup.records.map(r => r.exchange), ["mx1.mx.test", "mx2.mx.test"])
        compare(lookup.rcode, 0)

        run("txt.test", DnsLookup.TXT)
        compare(lookup.records.map(r => r.text), ["v=spf1 -all", "hello world"])
        compare(lookup.model.count, 2)

        run("192.0.2.1", DnsLookup.Reverse)
        compare(lookup.status, DnsLookup.Done)
        compare(lookup.hostName, "a.test")
        compare(lookup.records.length, 1)
        compare(lookup.records[0].typeName, "PTR")
        compare(lookup.records[0].name, "1.2.0.192.in-addr.arpa")
        compare(lookup.records[0].target, "a.test")
        compare(lookup.records[0].address, "192.0.2.1")
        compare(lookup.rcode, -1)

        run("b.test", DnsLookup.HostIPv4)
        compare(lookup.addresses, ["192.0.2.2"])
        compare(lookup.records.length, 1)
        compare(lookup.records[0].ttl, 120)
        compare(lookup.negativeTtl, -1)
        compare(finishedSpy.count, 5)
    }

    function test_model_with_record_type() {
        model.type = DnsLookup.MX
        model.names = ["mx.test", "mail.test", "a.test", "missing.test"]
        compare(model.get(0).type, DnsLookup.MX)
        compare(model.get(0).typeName, "MX")
        model.start()
        modelSpy.wait(5000)
        compare(model.finishedCount, 4)
        compare(model.failedCount, 2)

        const mx = model.get(0)
        compare(mx.status, LookupModel.Done)
        compare(mx.answer, "10 mx1.mx.test., 20 mx2.mx.test.")
        compare(mx.records.length, 2)
        compare(mx.records[0].preference, 10)
        compare(mx.records[1].ttl, 1800)
        compare(mx.ttl, 1800)
        compare(mx.rcode, 0)
        compare(mx.addresses, [])
        compare(rowView.itemAt(0).records[0].exchange, "mx1.mx.test")
        compare(rowView.itemAt(0).type, DnsLookup.MX)

        compare(model.get(1).canonicalName, "mx.test")
        compare(model.get(1).records.length, 2)

        const nodata = model.get(2)
        compare(nodata.status, LookupModel.Failed)
        compare(nodata.error, AresError.NoDataError)
        compare(nodata.negativeTtl, 30)
        compare(nodata.rcode, 0)
        compare(model.get(3).error, AresError.NotFoundError)
        compare(model.get(3).rcode, 3)

        // One row with its own type; the others keep the model's.
        model.setRowType(2, DnsLookup.HostIPv4)
        compare(model.get(2).status, LookupModel.Idle)
        compare(model.get(2).type, DnsLookup.HostIPv4)
        model.startRow(2)
        tryCompare(model, "finishedCount", 4)
        compare(model.get(2).answer, "192.0.2.1")
        compare(model.get(2).records[0].typeName, "A")
        compare(model.get(2).ttl, 300)

        // Another type for every row, and back to the model's type for row 2.
        model.type = DnsLookup.TXT
        compare(model.get(0).type, DnsLookup.MX, "a finished row shows the type it ran")
        compare(model.get(2).type, DnsLookup.HostIPv4)
        model.setRowType(2, 0)
        compare(model.get(2).type, DnsLookup.TXT)
        model.names = ["txt.test", "a.test"]
        compare(model.get(0).type, DnsLookup.TXT)
        modelSpy.clear()
        model.start()
        modelSpy.wait(5000)
        compare(model.get(0).answer, "\"v=spf1 -all\", \"hello \" \"world\"")
        compare(model.get(0).records[1].text, "hello world")
        compare(model.get(1).error, AresError.NoDataError)
        model.type = DnsLookup.MX
    }

    function test_model_search_and_unknown_type() {
        model.resolver = searchResolver
        model.search = true
        model.type = 64000
        model.names = ["unknown", "https"]
        model.start()
        modelSpy.wait(5000)
        compare(model.get(0).answer, "\\# 3 00ff10")
        compare(model.get(0).typeName, "TYPE64000")
        compare(model.get(1).error, AresError.NoDataError)
        model.search = false
        model.resolver = testResolver
        model.type = DnsLookup.MX
    }

    function test_teardown_pending_record_lookup() {
        // Left running: the engine is torn down with this record query pending.
        lookup.name = "drop.test"
        lookup.type = DnsLookup.SRV
        lookup.start()
        verify(lookup.running)
    }
}
