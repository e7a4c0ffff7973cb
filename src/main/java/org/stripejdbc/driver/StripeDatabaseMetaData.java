package org.stripejdbc.driver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Database metadata answers that tools use to decide quoting, case and capabilities: Postgres' answers
 * (unquoted identifiers fold to lower case, {@code "} quotes, schemas everywhere, no transactions).
 */
final class StripeDatabaseMetaData extends AvaticaDatabaseMetaData {
    private final StripeConnection stripeConnection;

    StripeDatabaseMetaData(AvaticaConnection connection) {
        super(connection);
        this.stripeConnection = (StripeConnection) connection;
    }

    @Override
    public String getURL() throws SQLException {
        // Security: never echo secrets given in the URL.
        return stripeConnection.jdbcUrl().display();
    }

    @Override
    public String getUserName() throws SQLException {
        return "stripe";
    }

    @Override
    public String getDatabaseProductName() {
        return "Stripe";
    }

    @Override
    public String getDatabaseProductVersion() {
        return "stripe-jdbc " + StripeDriver.VERSION + " (PostgreSQL dialect)";
    }

    @Override
    public String getDriverName() {
        return "stripe-jdbc";
    }

    @Override
    public String getDriverVersion() {
        return StripeDriver.VERSION;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getCatalogTerm() {
        return "database";
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsTransactions() {
        return false;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return stripeConnection.isReadOnly();
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    // Avatica leaves the following throwing "todo: implement this method"; DBeaver's driver information
    // dialog and some tools call them. Result sets are forward-only and read-only: nothing is visible or detected.

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        // Autocommit only: a result set outlives every (implicit) commit.
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }
}
