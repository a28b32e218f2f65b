using System;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Registry;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Finds the FIPS Kubernetes builds a registry really has, from the tags of its component images.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "FipsBuild", HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Find-FipsBuild.md")]
    [OutputType(typeof(FoundFipsBuildInfo))]
    public sealed class FindFipsBuildCommand : RegistryCmdlet
    {
        /// <summary>The registry namespace to list (host[:port]/namespace), e.g. docker.io/mesosphere.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Registry { get; set; }

        /// <summary>Emit only builds that all four Kubernetes component images carry.</summary>
        [Parameter]
        public SwitchParameter Complete { get; set; }

        protected override void ProcessRecord()
        {
            var registry = ParseRegistry(Registry!, nameof(Registry));
            if (registry is null)
            {
                return;
            }

            var catalog = LoadCatalog(null);
            using var client = new RegistryClient(NewOptions(Credential));
            try
            {
                var found = Await(new FipsBuildFinder(client).FindAsync(registry, catalog, CancellationToken));
                WriteVerbose($"{found.Count} FIPS build(s) at {registry} ({client.RequestCount} HTTP request(s)).");
                foreach (var build in found)
                {
                    if (!Complete || build.IsComplete)
                    {
                        WriteObject(new FoundFipsBuildInfo(build));
                    }
                }
            }
            catch (RegistryTransferException ex)
            {
                WriteTransferError(ex, registry.ToString());
            }
        }
    }
}
