package org.finres.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events of every modelled class with every attribute filled, for round trips and the schema drift check. */
final class OcsfSamples {

    private OcsfSamples() {
    }

    static final Product PRODUCT = new Product("Sysmon", "Microsoft", "15.0", "sysmon");
    static final User USER = new User("alice", "S-1-5-21-1", "BANK", "Alice Lin", "alice@bank.example", 1);
    static final Session SESSION = new Session("0x3e7", "8c5d1f2e-0000", true, "console");
    static final FileInfo FILE = new FileInfo("cmd.exe", "C:\\Windows\\System32\\cmd.exe", 1,
            List.of(new Fingerprint(3, "SHA-256", "ab".repeat(32))), 289_792L, "Microsoft Corporation",
            "Windows Command Processor", "10.0.19041", PRODUCT, 1_700_000_000_000L, 1_700_000_000_001L, "file-1");
    static final ProcessInfo PARENT = new ProcessInfo(100, "parent-guid", "explorer.exe", "explorer.exe", null, null,
            USER, null, "C:\\", 3, "Medium", 1_699_999_999_000L);
    static final ProcessInfo PROCESS = new ProcessInfo(4242, "proc-guid", "cmd.exe", "cmd.exe /c whoami", FILE, PARENT,
            USER, SESSION, "C:\\Users\\alice", 4, "High", 1_700_000_000_000L);
    static final Device DEVICE = new Device("ws01.bank.example", "ws01", "10.0.0.5", "dev-1", "BANK", 2,
            new OperatingSystem("Windows", 100, "10"));
    static final Actor ACTOR = new Actor(USER, PARENT, SESSION, "explorer");
    static final NetworkEndpoint SRC = new NetworkEndpoint("10.0.0.5", 50123, "ws01", "bank.example",
            "00:11:22:33:44:55", "ws01", "ep-1", "smb");
    static final NetworkEndpoint DST = new NetworkEndpoint("203.0.113.7", 443, "evil.example", "example", null,
            null, null, "https");
    static final ConnectionInfo CONNECTION = new ConnectionInfo(2, "Outbound", "tcp", 6, 4);
    static final NetworkTraffic TRAFFIC = new NetworkTraffic(100L, 200L, 300L, 1L, 2L, 3L);
    static final Url URL = new Url("https://evil.example:443/x?y=1", "https", "evil.example", 443, "/x", "y=1",
            "evil.example");
    static final HttpRequest REQUEST = new HttpRequest("GET", URL, "curl/8", "https://ref.example/", "1.1", "req-1");
    static final HttpResponse RESPONSE = new HttpResponse(200, "OK", "fine", "text/html", 512L);
    static final DnsQuery QUERY = new DnsQuery("evil.example", "A", "IN", 0);
    static final DnsAnswer ANSWER = new DnsAnswer("203.0.113.7", "A", "IN", 300, List.of(1, 3));
    static final FindingInfo FINDING_INFO = new FindingInfo("rule-1", "Suspicious cmd", "cmd spawned by explorer",
            List.of("Execution"), 1L, 2L, 3L, "https://rules.example/1", Analytic.rule("rule-1", "Suspicious cmd"));
    static final Vulnerability VULNERABILITY = new Vulnerability(new Cve("CVE-2024-3400", "PAN-OS command injection",
            List.of(new Cvss("3.1", 10.0, "Critical", "CVSS:3.1/AV:N"))), "PAN-OS", "command injection", "Critical",
            List.of("https://nvd.nist.gov/vuln/detail/CVE-2024-3400"), "Palo Alto Networks");
    static final Evidence EVIDENCE = new Evidence(ACTOR, SRC, DST, CONNECTION, FILE, PROCESS, USER, URL, QUERY, REQUEST,
            DEVICE);

    static BaseAttributes base(int activity) {
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("RuleName", "technique_id=T1059");
        unmapped.put("Count", 3);
        return BaseAttributes.builder()
                .activityId(activity)
                .severity(Severity.HIGH)
                .time(1_700_000_000_000L)
                .timezoneOffset(480)
                .startTime(1_700_000_000_000L)
                .endTime(1_700_000_001_000L)
                .count(2)
                .message("中文訊息 with text")
                .statusId(1)
                .status("Success")
                .statusCode("0x0")
                .statusDetail("done")
                .actionId(1)
                .action("Allowed")
                .metadata(new Metadata(PRODUCT, Metadata.OCSF_VERSION, "evt-1", "1", "Security", "Microsoft-Windows",
                        "windows-flat-json", 1_700_000_002_000L, "2023-11-14 22:13:20", "bank-a", "corr-1",
                        List.of("demo")))
                .device(DEVICE)
                .actor(ACTOR)
                .observables(List.of(new Observable("device.hostname", 1, "Hostname", "ws01.bank.example")))
                .unmapped(unmapped)
                .rawData("raw line")
                .build();
    }

    static OcsfEvent full(OcsfClass c) {
        return switch (c) {
            case BASE_EVENT -> new BaseEvent(base(0));
            case FILE_SYSTEM_ACTIVITY -> new FileSystemActivity(base(1), FILE, FILE);
            case PROCESS_ACTIVITY -> new ProcessActivity(base(1), PROCESS, 0);
            case REGISTRY_KEY_ACTIVITY -> new RegistryKeyActivity(base(5), RegistryKey.of("HKLM\\Software\\New"),
                    new RegistryKey("HKLM\\Software\\Old", false));
            case REGISTRY_VALUE_ACTIVITY -> new RegistryValueActivity(base(2),
                    new RegistryValue("HKLM\\Software\\Run", "evil", "C:\\evil.exe", 10, "REG_SZ"),
                    new RegistryValue("HKLM\\Software\\Run", "evil", "C:\\old.exe", 10, "REG_SZ"));
            case SECURITY_FINDING -> new SecurityFinding(base(1), new Finding("f-1", "Old finding", "desc",
                    List.of("Malware"), "https://x.example"), 1, List.of(VULNERABILITY));
            case VULNERABILITY_FINDING -> new VulnerabilityFinding(base(1), FINDING_INFO, List.of(VULNERABILITY));
            case DETECTION_FINDING -> new DetectionFinding(base(1), FINDING_INFO, List.of(EVIDENCE),
                    List.of(VULNERABILITY), true, 3);
            case ACCOUNT_CHANGE -> new AccountChange(base(1), USER, USER, SRC);
            case AUTHENTICATION -> new Authentication(base(1), USER, SRC, DST, 10, "Remote Interactive", 2, "Kerberos",
                    true, SESSION, PARENT);
            case NETWORK_ACTIVITY -> new NetworkActivity(base(6), SRC, DST, CONNECTION, TRAFFIC, URL);
            case HTTP_ACTIVITY -> new HttpActivity(base(3), SRC, DST, CONNECTION, TRAFFIC, REQUEST, RESPONSE, 200);
            case DNS_ACTIVITY -> new DnsActivity(base(6), SRC, DST, CONNECTION, QUERY, List.of(ANSWER), 0, "NoError");
        };
    }
}
