using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using WriteCache.Configuration;
using WriteCache.Directories;
using WriteCache.Hosting;
using WriteCache.Pages;
using WriteCache.Persistence;
using WriteCache.Placement;
using WriteCache.Policies;
using WriteCache.Storage.PostgreSql;
using WriteCache.Storage.Sqlite;
using WriteCache.Ufs;

namespace Orleans.Hosting;

/// <summary>Adds the write cache (grains, page store, metadata storage and reminders) to a silo.</summary>
public static class WriteCacheSiloBuilderExtensions
{
    /// <summary>Adds the write cache, bound from the silo's own configuration.</summary>
    public static ISiloBuilder AddWriteCache(this ISiloBuilder builder) => builder.AddWriteCache(builder.Configuration);

    /// <summary>
    /// Adds the write cache, bound from <paramref name="configuration"/> (sections <c>WriteCache</c>,
    /// <c>PageStore</c>, <c>Persistence</c>, <c>Metadata</c>); every option is validated at start.
    /// </summary>
    public static ISiloBuilder AddWriteCache(this ISiloBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WriteCacheOptions, WriteCacheOptionsValidator>(configuration, WriteCacheOptions.SectionName);
        services.AddValidatedOptions<PageStoreOptions, PageStoreOptionsValidator>(configuration, PageStoreOptions.SectionName);
        services.AddValidatedOptions<MetadataOptions, MetadataOptionsValidator>(configuration, MetadataOptions.SectionName);
        services.AddValidatedOptions<PersistenceOptions, PersistenceOptionsValidator>(configuration, PersistenceOptions.SectionName);
        services.AddValidatedOptions<UfsOptions, UfsOptionsValidator>(configuration, UfsOptions.SectionName);
        services.AddValidatedOptions<S3Options, S3OptionsValidator>(configuration, S3Options.SectionName);
        services.AddSingleton(sp => UfsMountTable.Create(
            sp.GetRequiredService<IOptions<UfsOptions>>().Value,
            sp.GetRequiredService<IOptions<S3Options>>().Value));
        services.AddSingleton<FileUploader>();

        // File grains' reminders tick every WriteCache:OrphanCheckPeriod; Orleans refuses reminders shorter than its minimum.
        services.AddOptions<ReminderOptions>().Configure<IOptions<WriteCacheOptions>>((reminders, cache) =>
        {
            if (cache.Value.OrphanCheckPeriod > TimeSpan.Zero && cache.Value.OrphanCheckPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = cache.Value.OrphanCheckPeriod;
            }
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveStores>();
        services.AddSingleton<PolicyCache>();
        services.AddSingleton(sp => new PageStore(
            sp.GetRequiredService<ILocalSiloDetails>().Name,
            sp.GetRequiredService<IOptions<PageStoreOptions>>(),
            sp.GetRequiredService<ILogger<PageStore>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PageStoreOpener>();
        services.AddSingleton<PersistenceQueueSweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PersistenceQueueSweeper>());
        builder.AddPlacementDirector<PageStorePlacement, PageStorePlacementDirector>();

        var metadata = configuration.GetSection(MetadataOptions.SectionName).Get<MetadataOptions>() ?? new MetadataOptions();
        if (metadata.IsPostgreSql)
        {
            AddPostgreSqlMetadata(builder, metadata.ConnectionString);
        }
        else
        {
            AddSqliteMetadata(builder, metadata.SqlitePath);
        }

        return builder;
    }

    private static void AddSqliteMetadata(ISiloBuilder builder, string path)
    {
        var services = builder.Services;
        services.AddSingleton(_ => new SqliteDatabase(string.IsNullOrWhiteSpace(path) ? "metadata.db" : path));
        services.AddGrainStorage(WriteCacheStorage.Name, (sp, name) => new SqliteGrainStorage(
            name,
            sp.GetRequiredService<SqliteDatabase>(),
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>())));
        services.AddReminders();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        services.AddSingleton<IDirectoryEntryStore, SqliteDirectoryEntryStore>();
        services.AddSingleton<IPersistenceQueueStore, SqlitePersistenceQueueStore>();
    }

    private static void AddPostgreSqlMetadata(ISiloBuilder builder, string connectionString)
    {
        const string invariant = "Npgsql";
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<IDirectoryEntryStore, PostgreSqlDirectoryEntryStore>();
        builder.Services.AddSingleton<IPersistenceQueueStore, PostgreSqlPersistenceQueueStore>();
        builder.AddAdoNetGrainStorage(WriteCacheStorage.Name, o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });

        // The same binary state format as the SQLite backend, so behaviour does not depend on the backend.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(WriteCacheStorage.Name)
            .PostConfigure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    /// <summary>Opens the page store when the silo starts, so a bad directory stops the silo at once instead of failing the first write.</summary>
    private sealed class PageStoreOpener(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(PageStoreOpener), ServiceLifecycleStage.RuntimeInitialize, _ =>
            {
                services.GetRequiredService<PageStore>();
                return Task.CompletedTask;
            });
    }
}
