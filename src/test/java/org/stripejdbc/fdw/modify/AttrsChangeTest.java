package org.stripejdbc.fdw.modify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

class AttrsChangeTest {
    private static String change(String before, String after) {
        return AttrsChange.between(Json.parse(before), Json.parse(after)).toCompactString();
    }

    @Test
    void onlyWhatDiffersIsKeptMemberByMember() {
        String customer = "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"a@b.c\",\"metadata\":{\"x\":\"1\"}}";
        assertEquals(
                "{\"metadata\":{\"a\":\"b\"}}",
                change(
                        customer,
                        "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"a@b.c\","
                                + "\"metadata\":{\"x\":\"1\",\"a\":\"b\"}}"));
        assertEquals("{}", change(customer, customer));
    }

    @Test
    void aRemovedMemberIsNullAndArraysAndScalarsGoWhole() {
        assertEquals("{\"email\":null}", change("{\"email\":\"a@b.c\",\"n\":1}", "{\"n\":1}"));
        assertEquals(
                "{\"metadata\":{\"x\":null},\"tags\":[1,3]}",
                change("{\"metadata\":{\"x\":\"1\"},\"tags\":[1,2]}", "{\"metadata\":{},\"tags\":[1,3]}"));
        assertEquals("{\"metadata\":\"x\"}", change("{\"metadata\":{\"x\":\"1\"}}", "{\"metadata\":\"x\"}"));
    }

    @Test
    void anythingButTwoObjectsIsTheNewValue() {
        assertEquals("[1]", change("{\"a\":1}", "[1]"));
        assertEquals(
                "{\"a\":1}",
                AttrsChange.between(Json.NULL, Json.parse("{\"a\":1}")).toCompactString());
    }
}
