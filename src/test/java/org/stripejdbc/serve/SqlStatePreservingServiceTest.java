package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

class SqlStatePreservingServiceTest {
    /** A fake service whose every call throws what {@code failure} holds and records the method called. */
    private static Service failing(AtomicReference<RuntimeException> failure, List<String> calls) {
        return (Service) Proxy.newProxyInstance(
                Service.class.getClassLoader(), new Class<?>[] {Service.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + method.getParameterTypes()[0].getSimpleName() + ")");
                    if (method.getName().equals("setRpcMetadata")) {
                        return null;
                    }
                    throw failure.get();
                });
    }

    @Test
    void turnsAWrappedSqlExceptionIntoAvaticasErrorWithItsSqlState() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                new RuntimeException(new SQLException("relation \"stripe.nope\" does not exist", "42P01", 7)));
        Service service = new SqlStatePreservingService(failing(failure, new ArrayList<>()));
        AvaticaRuntimeException e = assertThrows(
                AvaticaRuntimeException.class,
                () -> service.apply(new Service.PrepareAndExecuteRequest("c", 1, "select * from stripe.nope", 10)));
        assertEquals("42P01", e.getSqlState());
        assertEquals(7, e.getErrorCode());
        assertEquals("relation \"stripe.nope\" does not exist", e.getErrorMessage());
        assertEquals(AvaticaSeverity.ERROR, e.getSeverity());
    }

    @Test
    void findsTheSqlExceptionDeeperInTheChainAndCopesWithoutAStateOrMessage() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                new IllegalStateException("outer", new RuntimeException(new SQLException((String) null))));
        Service service = new SqlStatePreservingService(failing(failure, new ArrayList<>()));
        AvaticaRuntimeException e =
                assertThrows(AvaticaRuntimeException.class, () -> service.apply(new Service.CatalogsRequest("c")));
        assertEquals("00000", e.getSqlState());
        assertEquals("SQLException", e.getErrorMessage());
    }

    @Test
    void passesOtherFailuresThroughUnchanged() {
        RuntimeException noStatement = new RuntimeException(new NoSuchStatementException(null));
        AtomicReference<RuntimeException> failure = new AtomicReference<>(noStatement);
        Service service = new SqlStatePreservingService(failing(failure, new ArrayList<>()));
        assertSame(
                noStatement,
                assertThrows(RuntimeException.class, () -> service.apply(new Service.FetchRequest("c", 1, 0, 10))));
        AvaticaRuntimeException already = new AvaticaRuntimeException("m", 1, "22023", AvaticaSeverity.ERROR);
        failure.set(already);
        assertSame(already, assertThrows(RuntimeException.class, () -> service.apply(new Service.CommitRequest("c"))));
    }

    @Test
    void delegatesEveryRequestType() {
        List<String> calls = new ArrayList<>();
        AtomicReference<RuntimeException> failure =
                new AtomicReference<>(new RuntimeException(new SQLException("boom", "XX000")));
        Service service = new SqlStatePreservingService(failing(failure, calls));
        int applied = 0;
        for (Method method : Service.class.getMethods()) {
            if (!method.getName().equals("apply")) {
                continue;
            }
            // The fake ignores the request, so none needs building.
            InvocationTargetException e =
                    assertThrows(InvocationTargetException.class, () -> method.invoke(service, (Object) null));
            assertEquals("XX000", ((AvaticaRuntimeException) e.getCause()).getSqlState(), method.toString());
            applied++;
        }
        service.setRpcMetadata(null);
        assertEquals(21, applied, "Service has 21 request types in Avatica 1.28");
        assertEquals(22, calls.size(), calls.toString());
        assertEquals(22, new HashSet<>(calls).size(), "each request type reached its own method: " + calls);
    }
}
