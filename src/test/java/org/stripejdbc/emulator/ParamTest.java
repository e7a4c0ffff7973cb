package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamTest {
    private static final Param.Schema SCHEMA = Param.Schema.builder()
            .strings("name")
            .booleans("active")
            .add("quantity", new Param.IntegerParam(1L, 10L))
            .add("metadata", new Param.MetadataParam())
            .add("status", Param.oneOf("active", "past_due", "canceled"))
            .add("items", new Param.ArrayParam(new Param.HashParam(Map.of("price", new Param.StringParam()))))
            .add("expand", new Param.IgnoredParam())
            .build();

    private static ObjectNode coerce(String form) {
        return SCHEMA.coerce(FormCodec.nest(FormCodec.parsePairs(form)));
    }

    private static ApiError error(String form) {
        return assertThrows(ApiErrorException.class, () -> coerce(form)).error();
    }

    @Test
    void coercesTypesAndOrdersArraysByIndex() {
        assertEquals(
                "{\"name\":\"Gold\",\"active\":false,\"quantity\":3,\"metadata\":{\"k\":\"v\",\"gone\":null},"
                        + "\"items\":[{\"price\":\"price_a\"},{\"price\":\"price_b\"}]}",
                coerce("name=Gold&active=false&quantity=3&metadata[k]=v&metadata[gone]=&items[10][price]=price_b"
                                + "&items[2][price]=price_a&expand[]=customer")
                        .toString());
    }

    @Test
    void keepsUnsetValuesAsNullAndAnEmptyArrayAsEmpty() {
        assertEquals(
                "{\"name\":null,\"metadata\":null,\"items\":[]}",
                coerce("name=&metadata=&items=").toString());
    }

    @Test
    void reportsTheFirstUnknownParameterWithItsBrackets() {
        ApiError error = error("name=x&foo[bar][baz]=1&zzz=2");
        assertEquals("Received unknown parameter: foo[bar][baz]", error.message());
        assertEquals("foo[bar][baz]", error.param());
        assertEquals("parameter_unknown", error.code());
        assertEquals("items[0][cost]", error("items[0][cost]=1").param());
    }

    @Test
    void validatesValuesLikeStripe() {
        assertEquals("Invalid integer: many", error("quantity=many").message());
        assertEquals(
                "This value must be greater than or equal to 1.",
                error("quantity=0").message());
        assertEquals(
                "This value must be less than or equal to 10.",
                error("quantity=11").message());
        assertEquals("Invalid boolean: yes", error("active=yes").message());
        assertEquals(
                "Invalid status: must be one of active, past_due, or canceled",
                error("status=open").message());
        assertEquals("name", error("name[x]=1").param());
        assertEquals("items", error("items=price_1").param());
        assertEquals("items", error("items[first][price]=p").param());
        assertEquals("metadata", error("metadata=plain").param());
    }

    @Test
    void textValuedParametersKeepUnsetAsNullAndRefuseAHash() {
        assertEquals(
                "{\"active\":null,\"quantity\":null,\"status\":null}",
                coerce("active=&quantity=&status=").toString());
        assertEquals("{\"status\":\"past_due\"}", coerce("status=past_due").toString());
        for (String name : new String[] {"active", "quantity", "status"}) {
            ApiError error = error(name + "[x]=1");
            assertEquals(name, error.param());
            assertEquals(ApiError.invalidString(name).message(), error.message());
        }
    }

    @Test
    void limitsMetadata() {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            form.append(i == 0 ? "" : "&").append("metadata[k").append(i).append("]=v");
        }
        assertEquals("metadata", error(form.toString()).param());
        assertEquals(
                "metadata[" + "k".repeat(41) + "]",
                error("metadata[" + "k".repeat(41) + "]=v").param());
        assertEquals("metadata[k]", error("metadata[k][deeper]=v").param());
    }
}
