package org.eldercare.gateway.broker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BrokerAccessPolicyTest {

    @Test
    void aWatchGetsItsOwnRoleWithLiteralTopicsAndAFixedClientId() {
        List<Map<String, Object>> c = BrokerAccessPolicy.upsertDevice("w-1", "s3cret");
        assertEquals(List.of("deleteClient", "deleteRole", "createRole", "createClient"),
                c.stream().map(m -> m.get("command")).toList());
        assertEquals("device-w-1", c.get(2).get("rolename"));
        String acls = c.get(2).get("acls").toString();
        assertTrue(acls.contains("eldercare/v1/devices/w-1/#"));
        assertFalse(acls.contains("%u"));
        assertEquals("w-1", c.get(3).get("clientid"));
        assertEquals("s3cret", c.get(3).get("password"));
    }

    @Test
    void anAppMayPublishOnlyItsLocationsAndAcksAndReadItsNotifications() {
        List<Map<String, Object>> c = BrokerAccessPolicy.upsertApp("v-1", "pw");
        String acls = c.get(2).get("acls").toString();
        assertTrue(acls.contains("eldercare/v1/visitors/v-1/location"));
        assertTrue(acls.contains("eldercare/v1/users/v-1/acks"));
        assertTrue(acls.contains("subscribePattern, topic=eldercare/v1/users/v-1/notifications")
                || acls.contains("eldercare/v1/users/v-1/notifications"));
        assertFalse(c.get(3).containsKey("clientid"));
    }

    @Test
    void expectedErrorsAreHarmless() {
        assertTrue(BrokerAccessPolicy.harmless("deleteClient", "Client not found"));
        assertTrue(BrokerAccessPolicy.harmless("createRole", "Role already exists"));
        assertTrue(BrokerAccessPolicy.harmless("createClient", null));
        assertFalse(BrokerAccessPolicy.harmless("createClient", "Client already exists"));
        assertFalse(BrokerAccessPolicy.harmless("deleteClient", "Permission denied"));
    }
}
