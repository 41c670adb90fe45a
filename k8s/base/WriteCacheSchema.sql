-- =============================================================================
-- WriteCache schema for the Orleans ADO.NET providers on PostgreSQL (15+).
--
-- Covers, for Microsoft.Orleans.*.AdoNet 10.4.x with invariant "Npgsql":
--   * grain persistence  (Microsoft.Orleans.Persistence.AdoNet)
--   * cluster membership (Microsoft.Orleans.Clustering.AdoNet)
--   * reminders          (Microsoft.Orleans.Reminders.AdoNet)
--
-- The providers never create anything themselves. At start-up they load the
-- SQL text of every operation from OrleansQuery(QueryKey, QueryText) and then
-- run that text with named parameters (@ServiceId, @GrainIdHash, ...). They read
-- results by column name (case-insensitively) or, for single-value answers, by
-- position 0. So what must stay stable here is: the query keys, the parameter
-- names used inside the query texts and the names of the returned columns.
-- Table layouts and function bodies are ours.
--
-- The script is idempotent and meant to be applied on every start, possibly by
-- several silos at once: it runs in one transaction and first takes a
-- transaction-scoped advisory lock so that concurrent appliers queue up
-- instead of racing on the catalog (CREATE OR REPLACE FUNCTION and
-- CREATE TABLE IF NOT EXISTS are not safe against each other otherwise).
-- Nothing in here drops or rewrites stored data.
-- =============================================================================

BEGIN;

-- 6301172914203419953 = the bytes of 'WrCache1' read as a big-endian int64;
-- any constant works as long as every applier uses the same one.
SELECT pg_advisory_xact_lock(6301172914203419953);

-- -----------------------------------------------------------------------------
-- Query catalog read by all three providers ("SELECT QueryKey, QueryText FROM
-- OrleansQuery").
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- =============================================================================
-- Grain persistence
-- =============================================================================

-- One row per (service, grain type, grain id). The provider identifies a grain
-- by two hashes plus the full key parts; the hashes only serve the index.
-- Version is the ETag handed to grains: NULL/absent row = never written,
-- 1 after the first write, +1 on every successful write or clear.
-- PayloadBinary is NULL after a clear (the row and its version survive).
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage USING btree (GrainIdHash, GrainTypeHash);

-- The children of every directory, one row each (the write cache's own table: a directory's change writes
-- one row, not the whole directory). Times are UTC ticks (100 ns since 0001-01-01).
CREATE TABLE IF NOT EXISTS WriteCacheDirectoryEntries
(
    service_id     varchar(150) NOT NULL,
    directory      text         NOT NULL,
    name           text         NOT NULL,
    kind           integer      NOT NULL,
    size           bigint       NOT NULL,
    mode           bigint       NOT NULL,
    modified_ticks bigint       NOT NULL,
    status         integer      NOT NULL,
    incarnation    text         NOT NULL,
    uid            bigint       NOT NULL,
    gid            bigint       NOT NULL,
    PRIMARY KEY (service_id, directory, name)
);

-- The persistence queue: paths whose file grains have background work left (an upload, attributes for the UFS,
-- pages to reclaim or unpin). Each silo's sweeper wakes those grains after a restart and every orphan-check period.
CREATE TABLE IF NOT EXISTS WriteCachePersistenceQueue
(
    service_id varchar(150) NOT NULL,
    path       text         NOT NULL,
    PRIMARY KEY (service_id, path)
);

-- Write with optimistic concurrency. Returns exactly one row with one column,
-- NewGrainStateVersion:
--   * p_version IS NULL  -> the grain believes nothing is stored: insert version 1,
--                           unless a row already exists (then NULL = conflict);
--   * p_version NOT NULL -> update only if the stored version equals p_version and
--                           return p_version + 1, otherwise NULL (= conflict).
-- The provider turns a NULL (or unchanged) version into InconsistentStateException.
CREATE OR REPLACE FUNCTION writetostorage(
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_ext      text,
    p_service_id        text,
    p_version           integer,
    p_payload           bytea)
    RETURNS TABLE (newgrainstateversion integer)
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_result integer := NULL;
BEGIN
    IF p_version IS NOT NULL THEN
        UPDATE OrleansStorage AS s
           SET PayloadBinary = p_payload,
               ModifiedOn    = now(),
               Version       = s.Version + 1
         WHERE s.GrainIdHash   = p_grain_id_hash
           AND s.GrainTypeHash = p_grain_type_hash
           AND s.GrainIdN0     = p_grain_id_n0
           AND s.GrainIdN1     = p_grain_id_n1
           AND s.GrainTypeString = p_grain_type
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
           AND s.ServiceId     = p_service_id
           AND s.Version       = p_version
        RETURNING s.Version INTO v_result;
    ELSE
        -- Two activations of the same grain (e.g. during a split brain) may
        -- both try the first insert. Serialize inserts per grain-id hash for
        -- the rest of this transaction so that only one of them wins.
        PERFORM pg_advisory_xact_lock(1466589549, p_grain_id_hash);

        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
               p_grain_id_ext, p_service_id, p_payload, now(), 1
         WHERE NOT EXISTS (
                SELECT 1
                  FROM OrleansStorage AS s
                 WHERE s.GrainIdHash   = p_grain_id_hash
                   AND s.GrainTypeHash = p_grain_type_hash
                   AND s.GrainIdN0     = p_grain_id_n0
                   AND s.GrainIdN1     = p_grain_id_n1
                   AND s.GrainTypeString = p_grain_type
                   AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
                   AND s.ServiceId     = p_service_id)
        RETURNING Version INTO v_result;
    END IF;

    RETURN QUERY SELECT v_result;
END
$fn$;

-- =============================================================================
-- Cluster membership
-- =============================================================================

-- One row per cluster (DeploymentId = ClusterOptions.ClusterId). Version is the
-- table ETag of the membership protocol: every membership write must name the
-- version it read, and bumps it by one in the same transaction.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes text           NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Creates the version row of a cluster if missing. Returns 1 when this call
-- created it, 0 when it already existed.
CREATE OR REPLACE FUNCTION insert_membership_version(p_deployment_id text)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (p_deployment_id)
    ON CONFLICT (DeploymentId) DO NOTHING;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN QUERY SELECT v_rows;
END
$fn$;

-- Adds a silo row and bumps the table version, both or neither.
-- Returns 1 on success; 0 when the table version moved on (p_version is stale)
-- or the silo row already exists.
CREATE OR REPLACE FUNCTION insert_membership(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_ok integer := 0;
BEGIN
    -- The inner block is a savepoint: raising inside it undoes the version bump.
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = p_deployment_id
           AND v.Version = p_version
           AND v.Version < 2147483647;

        IF FOUND THEN
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName,
                 Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
                 p_status, p_proxy_port, p_start_time, p_i_am_alive)
            ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'WC409', MESSAGE = 'membership row already exists';
            END IF;
            v_ok := 1;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'WC409' THEN
            v_ok := 0;
    END;

    RETURN QUERY SELECT v_ok;
END
$fn$;

-- Updates status/suspicions/heartbeat of an existing silo row and bumps the
-- table version, both or neither. Returns 1 on success, 0 otherwise.
CREATE OR REPLACE FUNCTION update_membership(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_version        integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_ok integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = p_deployment_id
           AND v.Version = p_version
           AND v.Version < 2147483647;

        IF FOUND THEN
            UPDATE OrleansMembershipTable AS m
               SET Status       = p_status,
                   SuspectTimes = p_suspect_times,
                   IAmAliveTime = p_i_am_alive
             WHERE m.DeploymentId = p_deployment_id
               AND m.Address      = p_address
               AND m.Port         = p_port
               AND m.Generation   = p_generation;

            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'WC404', MESSAGE = 'membership row not found';
            END IF;
            v_ok := 1;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'WC404' THEN
            v_ok := 0;
    END;

    RETURN QUERY SELECT v_ok;
END
$fn$;

-- =============================================================================
-- Reminders
-- =============================================================================

-- GrainHash is the grain's uniform hash stored as a signed int; the provider
-- compares ranges in signed order (see ReadRangeRows1Key/ReadRangeRows2Key).
-- Period is in milliseconds. Version is the reminder ETag (0 on first insert).
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable USING btree (ServiceId, GrainHash);

-- Inserts a reminder (version 0) or replaces its schedule (version + 1).
-- Returns the new ETag in a column that must be called "version".
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    p_service_id    text,
    p_grain_id      text,
    p_reminder_name text,
    p_start_time    timestamptz,
    p_period        bigint,
    p_grain_hash    integer)
    RETURNS TABLE (version integer)
    LANGUAGE sql
AS $fn$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (p_service_id, p_grain_id, p_reminder_name, p_start_time, p_period, p_grain_hash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period    = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version   = r.Version + 1
    RETURNING r.Version;
$fn$;

-- Deletes a reminder if its ETag still matches. Returns 1 if deleted, else 0.
CREATE OR REPLACE FUNCTION delete_reminder_row(
    p_service_id    text,
    p_grain_id      text,
    p_reminder_name text,
    p_version       integer)
    RETURNS TABLE (row_count integer)
    LANGUAGE sql
AS $fn$
    WITH gone AS (
        DELETE FROM OrleansRemindersTable AS r
         WHERE r.ServiceId    = p_service_id
           AND r.GrainId      = p_grain_id
           AND r.ReminderName = p_reminder_name
           AND r.Version      = p_version
        RETURNING 1)
    SELECT count(*)::integer FROM gone;
$fn$;

-- =============================================================================
-- Query texts. Re-applying the script refreshes them (ON CONFLICT DO UPDATE),
-- so a changed text here reaches the database on the next start; providers
-- cache the texts when they initialize.
-- =============================================================================
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- ---- grain persistence ------------------------------------------------------
-- Result: NewGrainStateVersion (by name).
('WriteToStorageKey', $q$
    SELECT newgrainstateversion AS "NewGrainStateVersion"
      FROM writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                          @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

-- Result: PayloadBinary, Version (by name); no row = never written.
('ReadFromStorageKey', $q$
    SELECT s.PayloadBinary AS "PayloadBinary",
           s.Version       AS "Version"
      FROM OrleansStorage AS s
     WHERE s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.GrainIdN0     = @GrainIdN0
       AND s.GrainIdN1     = @GrainIdN1
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.ServiceId     = @ServiceId;
$q$),

-- Clear keeps the row and bumps the version; returns the new version in
-- column 0, or no row on an ETag mismatch (the provider raises a conflict).
('ClearStorageKey', $q$
    UPDATE OrleansStorage AS s
       SET PayloadBinary = NULL,
           ModifiedOn    = now(),
           Version       = s.Version + 1
     WHERE s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.GrainIdN0     = @GrainIdN0
       AND s.GrainIdN1     = @GrainIdN1
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.ServiceId     = @ServiceId
       AND s.Version       = @GrainStateVersion
    RETURNING s.Version AS "NewGrainStateVersion";
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear = true. Returns the
-- deleted version + 1 in column 0 (the provider only checks it changed).
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage AS s
     WHERE s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.GrainIdN0     = @GrainIdN0
       AND s.GrainIdN1     = @GrainIdN1
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.ServiceId     = @ServiceId
       AND s.Version       = @GrainStateVersion
    RETURNING s.Version + 1 AS "NewGrainStateVersion";
$q$),

-- ---- cluster membership -----------------------------------------------------
-- Result column 0: 1 if the version row was created, 0 if it existed.
('InsertMembershipVersionKey', $q$
    SELECT row_count FROM insert_membership_version(@DeploymentId);
$q$),

-- Result column 0: 1 on success, 0 on a stale table version / duplicate row.
('InsertMembershipKey', $q$
    SELECT row_count
      FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                             @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),

-- Result column 0: 1 on success, 0 on a stale table version / missing row.
('UpdateMembershipKey', $q$
    SELECT row_count
      FROM update_membership(@DeploymentId, @Address, @Port, @Generation, @Status,
                             @SuspectTimes, @IAmAliveTime, @Version);
$q$),

-- Heartbeat: not versioned, result ignored.
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId
       AND Address      = @Address
       AND Port         = @Port
       AND Generation   = @Generation;
$q$),

-- One row per silo, or a single row with NULL silo columns when the cluster has
-- no silo yet; the version row must exist (InsertMembershipVersionKey runs first).
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId AS "DeploymentId",
           m.Address      AS "Address",
           m.Port         AS "Port",
           m.Generation   AS "Generation",
           m.SiloName     AS "SiloName",
           m.HostName     AS "HostName",
           m.Status       AS "Status",
           m.ProxyPort    AS "ProxyPort",
           m.SuspectTimes AS "SuspectTimes",
           m.StartTime    AS "StartTime",
           m.IAmAliveTime AS "IAmAliveTime",
           v.Version      AS "Version"
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Same shape as MembershipReadAllKey, restricted to one silo incarnation.
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId AS "DeploymentId",
           m.Address      AS "Address",
           m.Port         AS "Port",
           m.Generation   AS "Generation",
           m.SiloName     AS "SiloName",
           m.HostName     AS "HostName",
           m.Status       AS "Status",
           m.ProxyPort    AS "ProxyPort",
           m.SuspectTimes AS "SuspectTimes",
           m.StartTime    AS "StartTime",
           m.IAmAliveTime AS "IAmAliveTime",
           v.Version      AS "Version"
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = v.DeploymentId
            AND m.Address      = @Address
            AND m.Port         = @Port
            AND m.Generation   = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: active silos (@Status = 3) with a gateway port.
('GatewaysQueryKey', $q$
    SELECT m.Address    AS "Address",
           m.ProxyPort  AS "ProxyPort",
           m.Generation AS "Generation"
      FROM OrleansMembershipTable AS m
     WHERE m.DeploymentId = @DeploymentId
       AND m.Status       = @Status
       AND m.ProxyPort    > 0;
$q$),

-- Wipes a whole cluster (silo rows first because of the foreign key).
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Bulk clean-up of long-dead silos (status 6 = Dead) whose last heartbeat is
-- older than @IAmAliveTime. Required key; 10.4 providers only use it when
-- CleanupDefunctSiloEntryKey below is absent.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status       = 6
       AND IAmAliveTime < @IAmAliveTime
       AND StartTime    < @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Optional key (10.4+): the provider picks dead rows itself from a full read and
-- deletes each one only if it still has exactly the values it saw.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Address      = @Address
       AND Port         = @Port
       AND Generation   = @Generation
       AND Status       = 6
       AND StartTime    = @StartTime
       AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$),

-- ---- reminders --------------------------------------------------------------
-- Reminder rows are read by name: GrainId, ReminderName, StartTime, Period, Version.
('ReadReminderRowsKey', $q$
    SELECT r.GrainId      AS "GrainId",
           r.ReminderName AS "ReminderName",
           r.StartTime    AS "StartTime",
           r.Period       AS "Period",
           r.Version      AS "Version"
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND r.GrainId   = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT r.GrainId      AS "GrainId",
           r.ReminderName AS "ReminderName",
           r.StartTime    AS "StartTime",
           r.Period       AS "Period",
           r.Version      AS "Version"
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId    = @ServiceId
       AND r.GrainId      = @GrainId
       AND r.ReminderName = @ReminderName;
$q$),

-- Hash range (@BeginHash, @EndHash] when @BeginHash < @EndHash (signed).
('ReadRangeRows1Key', $q$
    SELECT r.GrainId      AS "GrainId",
           r.ReminderName AS "ReminderName",
           r.StartTime    AS "StartTime",
           r.Period       AS "Period",
           r.Version      AS "Version"
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND r.GrainHash > @BeginHash
       AND r.GrainHash <= @EndHash;
$q$),

-- Wrapping range (@BeginHash >= @EndHash): everything above @BeginHash plus
-- everything up to @EndHash; @BeginHash = @EndHash therefore means "all".
('ReadRangeRows2Key', $q$
    SELECT r.GrainId      AS "GrainId",
           r.ReminderName AS "ReminderName",
           r.StartTime    AS "StartTime",
           r.Period       AS "Period",
           r.Version      AS "Version"
      FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId
       AND (r.GrainHash > @BeginHash OR r.GrainHash <= @EndHash);
$q$),

-- Result: the new ETag in a column named Version.
('UpsertReminderRowKey', $q$
    SELECT version AS "Version"
      FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash);
$q$),

-- Result column 0: 1 if deleted, 0 on ETag mismatch / missing row.
('DeleteReminderRowKey', $q$
    SELECT row_count FROM delete_reminder_row(@ServiceId, @GrainId, @ReminderName, @Version);
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

COMMIT;
