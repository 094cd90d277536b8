package io.github.aeponboarding.bench;

import java.nio.charset.StandardCharsets;

/**
 * The requests the benchmark onboards: the CRM tutorial (examples/crm-salesforce.yaml) as JSON, with
 * a fresh id each, so every one creates its own resources. The seed goes into the ids, so two
 * runs against one emulator never collide on a Schema Registry title.
 */
final class BenchRequests {
    static final String SALESFORCE_BASE_CONNECTION = "4cb0c374-d3bb-4557-b139-5712880adc55";
    static final String SALESFORCE_SPEC = "cfc0fee1-7dc0-40ef-b73e-d8b134c436f5";
    static final String TABLE = "Contact";
    static final String[][] COLUMNS = {
        {"first_name", "string"}, {"last_name", "string"}, {"email", "string"}, {"updatedAt", "date-time"}};
    static final String[][] MAPPING = {
        {"first_name", "person.name.firstName"}, {"last_name", "person.name.lastName"}, {"email", "personalEmail.address"}};
    static final String PROFILE_CLASS = "https://ns.adobe.com/xdm/context/profile";
    static final String[] FIELD_GROUPS = {
        "https://ns.adobe.com/xdm/context/profile-person-details", "https://ns.adobe.com/xdm/context/profile-personal-details"};
    static final long START_TIME = 1567411548L;

    private final String prefix;

    BenchRequests(long seed) {
        this.prefix = "b" + Long.toString(Math.abs(seed) % 1_000_000L, 36);
    }

    /** An id for the request number {@code n} of a phase ({@code seq}, {@code bundle}, {@code batch}...). */
    String id(String phase, int n) {
        return prefix + "-" + phase + "-" + n;
    }

    byte[] request(String id) {
        StringBuilder json = new StringBuilder(1024);
        json.append("{\"id\":\"").append(id).append("\",\"kind\":\"crm\",")
                .append("\"source\":{\"baseConnectionId\":\"").append(SALESFORCE_BASE_CONNECTION)
                .append("\",\"connectionSpecId\":\"").append(SALESFORCE_SPEC)
                .append("\",\"table\":\"").append(TABLE).append("\",\"columns\":[");
        for (int i = 0; i < COLUMNS.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(COLUMNS[i][0]).append("\",\"type\":\"").append(COLUMNS[i][1]).append("\"}");
        }
        json.append("]},\"target\":{\"schema\":{\"title\":\"Target schema for CRM source connector\",\"class\":\"")
                .append(PROFILE_CLASS).append("\",\"fieldGroups\":[\"").append(String.join("\",\"", FIELD_GROUPS))
                .append("\"]},\"dataset\":{\"name\":\"Target Dataset for CRM data\"}},\"mapping\":[");
        for (int i = 0; i < MAPPING.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"source\":\"").append(MAPPING[i][0]).append("\",\"destination\":\"").append(MAPPING[i][1]).append("\"}");
        }
        json.append("],\"copy\":{\"mode\":\"append\"},\"schedule\":{\"startTime\":").append(START_TIME)
                .append(",\"frequency\":\"minute\",\"interval\":30}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
