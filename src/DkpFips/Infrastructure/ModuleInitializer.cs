using System.Management.Automation;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Runs on Import-Module and Remove-Module. Only registers the dependency resolver: import
    /// must stay cheap, so nothing here touches the engine or any third-party library.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}
