#!/usr/bin/env python3
"""Acceptance of FinRes's TAXII 2.1 server by an independent client: OASIS's own cti-taxii-client (taxii2client).

It is not on this project's machines' registries (PyPI is unreachable), so it is not a test of the build: run it by
hand against a running hub with the client on PYTHONPATH, requests/six/pytz/jsonschema from Debian
(python3-requests python3-six python3-tz python3-jsonschema), and ../shared for the OASIS STIX 2.1 JSON schemas:

    PYTHONPATH=/path/to/cti-taxii-client python3 benchmarks/acceptance/taxii_oasis_client.py \
        http://localhost:8080 TOKEN_OF_MEMBER_A TOKEN_OF_MEMBER_B

Both tokens are member institutions' tokens with the intel:write scope. Member A writes a bundle through the client,
reads it back page by page, filters it, reads single objects, versions and the manifest; every object it receives is
validated against the OASIS schemas; member B then tries to read what A shared with TLP:RED and to A's inbox, and
must fail. Exit status 0 when every check holds; each failed check is printed.
"""
import json
import os
import sys
import uuid
from datetime import datetime, timezone

import jsonschema
from taxii2client.v21 import Server, as_pages
from taxii2client.exceptions import AccessError

SCHEMAS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "specs", "stix2", "schemas")
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def schema_store():
    store = {}
    for folder, _, files in os.walk(SCHEMAS):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    schema = json.load(f)
                store[schema["$id"]] = schema
    return store


STORE = schema_store()


def schema_problems(obj):
    kind = obj["type"]
    for sub in ("sdos", "sros", "observables", "common"):
        candidate = [s for i, s in STORE.items() if i.endswith("/" + sub + "/" + kind + ".json")]
        if candidate:
            schema = candidate[0]
            break
    else:
        schema = [s for i, s in STORE.items() if i.endswith("/common/core.json")][0]
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=STORE)
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(obj)]


def stamp():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def main(hub, token_a, token_b):
    discovery = hub.rstrip("/") + "/taxii2/"
    server = Server(discovery, user="taxii", password=token_a)
    check(server.title is not None, "discovery: title " + repr(server.title))
    root = server.default or server.api_roots[0]
    check("application/taxii+json;version=2.1" in [v.replace(" ", "") for v in root.versions],
          "api root advertises TAXII 2.1: " + str(root.versions))
    collections = {c.alias or c.title: c for c in root.collections}
    check("sector-green" in collections, "collections include sector-green: " + ", ".join(sorted(collections)))
    green = collections["sector-green"]
    check(green.can_read and green.can_write, "member A may read and write sector-green")

    run = uuid.uuid4().hex[:8]
    now = stamp()
    objects = []
    for i in range(120):
        objects.append({"type": "indicator", "spec_version": "2.1", "id": "indicator--" + str(uuid.uuid4()),
                        "created": now, "modified": now, "name": "acceptance %s %d" % (run, i),
                        "pattern": "[ipv4-addr:value = '198.18.%d.%d']" % (i // 250, i % 250 + 1),
                        "pattern_type": "stix", "valid_from": now, "indicator_types": ["malicious-activity"]})
    red = {"type": "indicator", "spec_version": "2.1", "id": "indicator--" + str(uuid.uuid4()), "created": now,
           "modified": now, "name": "acceptance %s red" % run, "pattern": "[domain-name:value = 'red-%s.example']" % run,
           "pattern_type": "stix", "valid_from": now,
           "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]}
    status = green.add_objects({"objects": objects + [red]})
    check(status.status == "complete" and status.success_count == 121 and status.failure_count == 0,
          "add_objects: status %s, %s of %s succeeded" % (status.status, status.success_count, status.total_count))

    received = []
    pages = 0
    for envelope in as_pages(green.get_objects, per_request=25, type="indicator"):
        pages += 1
        received.extend(envelope.get("objects", []))
    ours = [o for o in received if o.get("name", "").startswith("acceptance " + run)]
    check(len([o for o in ours if o["id"] != red["id"]]) == 120,
          "paged read (25 a page, match[type]=indicator, %d pages): all 120 of this run's indicators" % pages)
    check(len({o["id"] for o in received}) == len(received), "no object twice across pages")
    check(all(o["type"] == "indicator" for o in received), "match[type] filter holds on every page")

    problems = {o["id"]: schema_problems(o) for o in received}
    bad = {k: v for k, v in problems.items() if v}
    check(not bad, "every received object validates against the OASIS schemas (%d checked)%s"
          % (len(received), "" if not bad else ": " + json.dumps(dict(list(bad.items())[:3]))))

    one = green.get_object(objects[7]["id"])
    check(len(one["objects"]) == 1 and one["objects"][0]["id"] == objects[7]["id"], "get_object returns the object")
    versions = green.object_versions(objects[7]["id"])
    check(versions.get("versions") == [now], "object_versions lists its one version " + str(versions.get("versions")))
    manifest = green.get_manifest(id=objects[7]["id"])
    check(len(manifest["objects"]) == 1 and manifest["objects"][0]["version"] == now, "manifest entry for the object")
    later = green.get_objects(added_after=manifest["objects"][0]["date_added"], type="indicator")
    check(objects[7]["id"] not in [o["id"] for o in later.get("objects", [])], "added_after excludes what came before")
    check(red["id"] in [o["id"] for o in received], "member A reads its own TLP:RED object")

    # What the hub publishes to members (early warnings, protection advice) is STIX the schemas accept too.
    warnings = collections.get("hub-warnings")
    if warnings is not None:
        published = []
        for envelope in as_pages(warnings.get_objects, per_request=50):
            published.extend(envelope.get("objects", []))
        bad = {o["id"]: schema_problems(o) for o in published}
        bad = {k: v for k, v in bad.items() if v}
        check(not bad, "hub-warnings: all %d objects member A receives validate against the OASIS schemas%s"
              % (len(published), "" if not bad else ": " + json.dumps(dict(list(bad.items())[:3]))))

    # Member B: another institution of the sector.
    server_b = Server(discovery, user="taxii", password=token_b)
    root_b = server_b.default or server_b.api_roots[0]
    collections_b = {c.alias or c.title: c for c in root_b.collections}
    green_b = collections_b["sector-green"]
    seen_b = []
    for envelope in as_pages(green_b.get_objects, per_request=100, type="indicator"):
        seen_b.extend(o["id"] for o in envelope.get("objects", []))
    check(objects[0]["id"] in seen_b, "member B reads A's TLP:GREEN objects")
    check(red["id"] not in seen_b, "member B never receives A's TLP:RED object in a page")
    try:
        got = green_b.get_object(red["id"])
        check(False, "member B fetching A's TLP:RED object by id is refused (got %d objects)" % len(got["objects"]))
    except Exception as e:
        check("404" in str(e), "member B fetching A's TLP:RED object by id is refused: " + str(e)[:80])
    try:
        versions_b = green_b.object_versions(red["id"])
        check(False, "member B reading the RED object's versions is refused (got %s)" % versions_b)
    except Exception as e:
        check("404" in str(e), "member B reading the RED object's versions is refused: " + str(e)[:80])
    manifest_b = green_b.get_manifest(id=red["id"])
    check(not manifest_b.get("objects"), "member B's manifest has no entry for the RED object")
    inboxes_a = [c for c in collections.values() if (c.alias or "").startswith("inbox-")]
    foreign = [alias for alias in collections_b if alias in {c.alias for c in inboxes_a}]
    check(not foreign, "member B does not list member A's inbox")
    if inboxes_a:
        try:
            url = root_b.url + "collections/" + inboxes_a[0].id + "/objects/"
            root_b._conn.get(url, headers={"Accept": "application/taxii+json;version=2.1"})
            check(False, "member B reading member A's inbox is refused")
        except Exception as e:
            check("404" in str(e) or "403" in str(e), "member B reading member A's inbox is refused: " + str(e)[:80])
    hub_warnings = collections_b.get("hub-warnings")
    if hub_warnings is not None and warnings is not None:
        reports_a = {o["id"] for o in published if o["type"] == "report"}
        seen = set()
        for envelope in as_pages(hub_warnings.get_objects, per_request=50, type="report"):
            seen.update(o["id"] for o in envelope.get("objects", []))
        check(not (reports_a & seen) or not reports_a,
              "member B does not receive the warnings sent only to exposed members (%d report(s) A has)" % len(reports_a))
    if hub_warnings is not None:
        try:
            hub_warnings.add_objects({"objects": [objects[0]]})
            check(False, "member B writing to hub-warnings is refused")
        except AccessError as e:
            check(True, "member B writing to hub-warnings is refused by the collection's can_write: " + str(e)[:60])
        except Exception as e:
            check("403" in str(e), "member B writing to hub-warnings is refused: " + str(e)[:80])

    print("%d check(s) failed" % len(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
