package org.finres.events.internal.decode;

import org.finres.core.InstitutionId;
import org.finres.events.AccountChange;
import org.finres.events.Authentication;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.DetectionFinding;
import org.finres.events.DnsActivity;
import org.finres.events.EventDecoders;
import org.finres.events.FileSystemActivity;
import org.finres.events.HttpActivity;
import org.finres.events.InputFormat;
import org.finres.events.NetworkActivity;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OcsfValidator;
import org.finres.events.ProcessActivity;
import org.finres.events.RegistryValueActivity;
import org.finres.events.Severity;
import org.finres.events.VulnerabilityFinding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDecodersTests {

    private static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"),
            Instant.parse("2026-03-01T00:00:00Z"));

    private static List<OcsfEvent> decode(InputFormat format, String input) {
        Decoding decoding = EventDecoders.forFormat(format).decode(input, CONTEXT);
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        List<OcsfEvent> events = ((Decoding.Decoded) decoding).events();
        events.forEach(e -> assertThat(OcsfValidator.validate(e)).isEmpty());
        return events;
    }

    @Test
    void mapsEcsAuthenticationWithoutAnActionAsALogonFailure() {
        // Found by the detection tests: an event without event.action crashed the class rules.
        OcsfEvent event = decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T01:02:03Z","event":{"category":["authentication"],"type":["start"],
                 "outcome":"failure"},"source":{"ip":"203.0.113.9"},"user":{"name":"admin"}}
                """).getFirst();
        assertThat(event).isInstanceOf(Authentication.class);
        assertThat(event.base().statusId()).isEqualTo(2);
        assertThat(((Authentication) event).srcEndpoint().ip()).isEqualTo("203.0.113.9");
    }

    @Test
    void mapsEcsProcessStart() {
        OcsfEvent event = decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T01:02:03.456Z","ecs":{"version":"8.11.0"},
                 "event":{"kind":"event","category":["process"],"type":["start"],"severity":47},
                 "host":{"name":"ws7","os":{"type":"windows","name":"Windows 11"}},
                 "process":{"pid":4242,"executable":"C:\\\\Windows\\\\System32\\\\cmd.exe","command_line":"cmd /c whoami",
                   "hash":{"sha256":"aa"},"parent":{"pid":100,"executable":"C:\\\\Windows\\\\explorer.exe"}},
                 "user":{"name":"alice","domain":"BANK"},"agent":{"type":"endpoint","version":"8.11"},"labels":{"team":"soc"}}
                """).getFirst();
        assertThat(event).isInstanceOf(ProcessActivity.class);
        ProcessActivity process = (ProcessActivity) event;
        assertThat(process.activityId()).isEqualTo(ProcessActivity.LAUNCH);
        assertThat(process.process().cmdLine()).isEqualTo("cmd /c whoami");
        assertThat(process.process().parentProcess().pid()).isEqualTo(100);
        assertThat(process.base().time()).isEqualTo(Instant.parse("2026-02-01T01:02:03.456Z").toEpochMilli());
        assertThat(process.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(process.base().device().os().typeId()).isEqualTo(100);
        assertThat(process.base().unmapped()).containsEntry("labels.team", "soc").containsKey("event.category");
    }

    @Test
    void mapsEcsDottedKeysAndOtherCategories() {
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event.category":"authentication","event.outcome":"failure",
                 "user.name":"bob","source.ip":"10.0.0.3","event.action":"logon-failed"}""").getFirst())
                .isInstanceOfSatisfying(Authentication.class, a -> {
                    assertThat(a.user().name()).isEqualTo("bob");
                    assertThat(a.base().statusId()).isEqualTo(2);
                });
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["network"],"type":["connection","start"]},
                 "source":{"ip":"10.0.0.1","port":5555,"bytes":10},"destination":{"ip":"1.1.1.1","port":443},
                 "network":{"transport":"tcp","direction":"outbound"}}""").getFirst())
                .isInstanceOfSatisfying(NetworkActivity.class, n -> {
                    assertThat(n.activityId()).isEqualTo(NetworkActivity.OPEN);
                    assertThat(n.connectionInfo().directionId()).isEqualTo(2);
                    assertThat(n.traffic().bytesOut()).isEqualTo(10L);
                });
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["network"],"dataset":"dns"},
                 "dns":{"question":{"name":"evil.example","type":"A"},"response_code":"NXDOMAIN",
                 "answers":[{"data":"1.2.3.4","type":"A","ttl":60}]}}""").getFirst())
                .isInstanceOfSatisfying(DnsActivity.class, d -> {
                    assertThat(d.query().hostname()).isEqualTo("evil.example");
                    assertThat(d.rcodeId()).isEqualTo(3);
                    assertThat(d.answers().getFirst().ttl()).isEqualTo(60);
                });
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["web"]},"url":{"full":"https://x.example/a?b=c"},
                 "http":{"request":{"method":"post"},"response":{"status_code":403}},"log":{"level":"warning"}}""").getFirst())
                .isInstanceOfSatisfying(HttpActivity.class, h -> {
                    assertThat(h.activityId()).isEqualTo(6);
                    assertThat(h.httpStatus()).isEqualTo(403);
                    assertThat(h.severity()).isEqualTo(Severity.MEDIUM);
                });
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["file"],"type":["deletion"]},
                 "file":{"path":"/etc/shadow"},"host":{"name":"web1"},"user":{"name":"root"}}""").getFirst())
                .isInstanceOf(FileSystemActivity.class);
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["registry"],"type":["change"]},
                 "registry":{"hive":"HKLM","key":"SOFTWARE\\\\Run","value":"evil","data":{"strings":["c:\\\\e.exe"],"type":"REG_SZ"}},
                 "host":{"name":"ws1"},"process":{"pid":7,"executable":"C:\\\\reg.exe"}}""")
                .getFirst()).isInstanceOfSatisfying(RegistryValueActivity.class,
                        r -> assertThat(r.regValue().path()).isEqualTo("HKLM\\SOFTWARE\\Run"));
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["iam"],"type":["user","creation"]},
                 "user":{"name":"admin","target":{"name":"backdoor"}}}""").getFirst())
                .isInstanceOfSatisfying(AccountChange.class, a -> assertThat(a.user().name()).isEqualTo("backdoor"));
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"kind":"alert"},"kibana.alert.severity":"critical",
                 "kibana.alert.rule.uuid":"r-1","kibana.alert.rule.name":"Mimikatz","host":{"name":"dc1"}}""").getFirst())
                .isInstanceOfSatisfying(DetectionFinding.class, d -> {
                    assertThat(d.findingInfo().title()).isEqualTo("Mimikatz");
                    assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
                });
        assertThat(decode(InputFormat.ECS_JSON, """
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["vulnerability"]},
                 "vulnerability":{"id":"CVE-2024-3400","score":{"base":10.0},"severity":"Critical"}}""").getFirst())
                .isInstanceOfSatisfying(VulnerabilityFinding.class,
                        v -> assertThat(v.vulnerabilities().getFirst().cve().uid()).isEqualTo("CVE-2024-3400"));
    }

    @Test
    void readsOcsfJsonAndKeepsWhatWeDoNotModel() {
        String json = """
                {"class_uid":1007,"category_uid":1,"activity_id":1,"type_uid":100701,"severity_id":4,"time":1767225600000,
                 "metadata":{"product":{"name":"EDR","vendor_name":"Acme"},"version":"1.9.0","tenant_uid":"bank-b"},
                 "actor":{"process":{"pid":1,"name":"init"}},"device":{"hostname":"h1","type_id":1,"os":{"name":"Linux","type_id":200,"build":"x"}},
                 "process":{"pid":2,"name":"sh","cmd_line":"sh -c id","sandbox":"none"},
                 "enrichments":[{"name":"geo","value":"TW"}],"unmapped":{"orig":"keep"}}""";
        OcsfEvent event = decode(InputFormat.OCSF_JSON, json).getFirst();
        assertThat(event).isInstanceOf(ProcessActivity.class);
        assertThat(event.base().metadata().tenantUid()).isEqualTo("bank-a");
        assertThat(event.base().unmapped()).containsEntry("orig", "keep").containsEntry("metadata.tenant_uid", "bank-b")
                .containsEntry("device.os.build", "x").containsEntry("process.sandbox", "none")
                .containsKey("enrichments");
        OcsfEvent again = decode(InputFormat.OCSF_JSON, OcsfJson.write(event)).getFirst();
        assertThat(again).isEqualTo(event);
    }

    @Test
    void refusesInvalidOcsfNamingTheAttribute() {
        Decoding wrongType = EventDecoders.forFormat(InputFormat.OCSF_JSON).decode("""
                {"class_uid":1007,"category_uid":1,"activity_id":1,"type_uid":100702,"severity_id":9,"time":1,
                 "metadata":{"product":{"name":"x"},"version":"1.9.0"},"actor":{},"device":{"type_id":0}}""", CONTEXT);
        assertThat(wrongType).isInstanceOfSatisfying(Decoding.Undecodable.class, u -> assertThat(u.reason())
                .contains("type_uid").contains("severity_id").contains("process: is required"));
        assertThat(EventDecoders.forFormat(InputFormat.OCSF_JSON).decode("{\"class_uid\":999999}", CONTEXT))
                .isInstanceOfSatisfying(Decoding.Undecodable.class, u -> assertThat(u.reason()).contains("class_uid"));
        assertThat(EventDecoders.forFormat(InputFormat.OCSF_JSON).decode("{\"class_uid\":", CONTEXT))
                .isInstanceOf(Decoding.Undecodable.class);
    }

    @Test
    void readsJsonLinesAndConcatenatedObjectsSkippingBrokenOnes() {
        Decoding decoding = EventDecoders.automatic().decode("""
                {"EventID":5,"SourceName":"Microsoft-Windows-Sysmon","Hostname":"a","ProcessId":"1","Image":"C:\\\\x.exe"}
                {"EventID":5,"SourceName":"Microsoft-Windows-Sysmon", broken
                {"@timestamp":"2026-02-01T00:00:00Z","event":{"category":["process"],"type":["end"]},"process":{"pid":9}}{"foo":"bar","message":"hi"}
                """, CONTEXT);
        assertThat(decoding).isInstanceOfSatisfying(Decoding.Decoded.class, d -> {
            assertThat(d.events()).hasSize(3);
            assertThat(d.rejected()).hasSize(1);
            assertThat(d.events().get(2)).isInstanceOf(BaseEvent.class);
            assertThat(d.events().get(2).base().message()).isEqualTo("hi");
            assertThat(d.events().get(2).base().unmapped()).containsEntry("foo", "bar");
        });
    }

    @Test
    void mapsWindowsSecurityEventsInBothShapes() {
        OcsfEvent rendered = decode(InputFormat.WINDOWS_EVENT_JSON, """
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing"}},"EventID":4625,
                 "Level":0,"Keywords":"0x8010000000000000","TimeCreated":{"#attributes":{"SystemTime":"2026-01-02T03:04:05.1234567Z"}},
                 "Channel":"Security","Computer":"dc1.bank.example"},
                 "EventData":{"Data":[{"#attributes":{"Name":"TargetUserName"},"#text":"林志明"},
                   {"#attributes":{"Name":"TargetDomainName"},"#text":"BANK"},{"#attributes":{"Name":"LogonType"},"#text":"10"},
                   {"#attributes":{"Name":"IpAddress"},"#text":"203.0.113.9"},{"#attributes":{"Name":"Status"},"#text":"0xc000006d"},
                   {"#attributes":{"Name":"AuthenticationPackageName"},"#text":"NTLM"}]}}}""").getFirst();
        assertThat(rendered).isInstanceOfSatisfying(Authentication.class, a -> {
            assertThat(a.user().name()).isEqualTo("林志明");
            assertThat(a.logonTypeId()).isEqualTo(10);
            assertThat(a.isRemote()).isTrue();
            assertThat(a.authProtocolId()).isEqualTo(1);
            assertThat(a.base().statusId()).isEqualTo(2);
            assertThat(a.base().statusCode()).isEqualTo("0xc000006d");
            assertThat(a.srcEndpoint().ip()).isEqualTo("203.0.113.9");
        });
        OcsfEvent flat = decode(InputFormat.WINDOWS_EVENT_JSON, """
                {"SourceName":"Microsoft-Windows-Security-Auditing","EventID":4720,"Hostname":"dc1","Channel":"Security",
                 "TimeCreated":"2026-01-02T03:04:05Z","TargetUserName":"svc_backup","TargetDomainName":"BANK","TargetSid":"S-1-5-21-9",
                 "SubjectUserName":"admin","SubjectDomainName":"BANK","SamAccountName":"svc_backup"}""").getFirst();
        assertThat(flat).isInstanceOfSatisfying(AccountChange.class, a -> {
            assertThat(a.activityId()).isEqualTo(AccountChange.CREATE);
            assertThat(a.user().uid()).isEqualTo("S-1-5-21-9");
            assertThat(a.base().actor().user().name()).isEqualTo("admin");
            assertThat(a.base().unmapped()).containsEntry("SamAccountName", "svc_backup");
        });
    }

    @Test
    void downgradesEventsMissingWhatTheirClassRequires() {
        OcsfEvent event = decode(InputFormat.WINDOWS_EVENT_JSON,
                "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":11,\"Hostname\":\"a\"}").getFirst();
        assertThat(event).isInstanceOf(BaseEvent.class);
        assertThat(event.base().metadata().labels()).contains("downgraded-from:file_activity");
    }
}
