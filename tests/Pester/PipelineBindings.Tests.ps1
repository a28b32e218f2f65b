# Every pipe the module can form, computed from its metadata and compared with the declared table
# below. For every output type of every cmdlet ([OutputType]) and every cmdlet, a property binds a
# parameter by property name when its name is the parameter's name or one of its aliases, and the
# whole object binds by value when a ValueFromPipeline parameter's type takes it. A binding the table
# does not list fails (a new property, parameter or alias can never create a pipe unnoticed), and
# so does a listed one that no longer exists. Each listed binding was reviewed: the property and the
# parameter mean the same thing (see about_DkpFips, "Names").
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Get-PipelineBinding {
        $commands = Get-Command -Module DkpFips -CommandType Cmdlet | Sort-Object Name
        $types = $commands | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -eq 'DkpFips' } | Sort-Object FullName -Unique
        foreach ($type in $types) {
            $properties = $type.GetProperties() | Where-Object { $_.GetMethod.IsPublic -and -not $_.GetMethod.IsStatic } | ForEach-Object Name
            foreach ($command in $commands) {
                foreach ($parameter in $command.Parameters.Values) {
                    $attributes = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
                    # By value: the type itself, an array of it, or any object (PSObject/Object).
                    $takes = if ($parameter.ParameterType.IsArray) { $parameter.ParameterType.GetElementType() } else { $parameter.ParameterType }
                    if (($attributes | Where-Object ValueFromPipeline) -and ($takes -eq [psobject] -or $takes -eq [object] -or $takes.IsAssignableFrom($type))) {
                        "$($type.Name) -> $($command.Name) -$($parameter.Name) (ByValue)"
                    }

                    if ($attributes | Where-Object ValueFromPipelineByPropertyName) {
                        foreach ($name in @($parameter.Name) + $parameter.Aliases) {
                            if ($properties -contains $name) { "$($type.Name).$name -> $($command.Name) -$($parameter.Name)" }
                        }
                    }
                }
            }
        }
    }

    # Producer -> consumer bindings, reviewed one by one.
    $script:Declared = @(
        # A created cluster: its name, the kubeconfig dkp wrote for it (the workload), else the management cluster it was created on.
        'ClusterCreateResult -> Export-DkpFipsReport -InputObject (ByValue)'
        'ClusterCreateResult.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'ClusterCreateResult.ClusterName -> New-DkpFipsCluster -ClusterName'
        'ClusterCreateResult.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'ClusterCreateResult.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'ClusterCreateResult.KubeconfigPath -> Test-DkpFipsCluster -Kubeconfig'
        'ClusterCreateResult.ManagementKubeconfig -> ConvertTo-DkpFipsPipelineMatrix -ManagementKubeconfig'
        'ClusterCreateResult.ManagementKubeconfig -> New-DkpFipsCluster -ManagementKubeconfig'
        'ClusterCreateResult.ManagementKubeconfig -> Test-DkpFipsCluster -ManagementKubeconfig'
        'ClusterCreateResult.ManagementKubeconfig -> Update-DkpFipsCluster -ManagementKubeconfig'
        'ClusterCreateResult.Namespace -> ConvertTo-DkpFipsPipelineMatrix -Namespace'
        'ClusterCreateResult.Namespace -> New-DkpFipsCluster -Namespace'
        'ClusterCreateResult.Namespace -> Test-DkpFipsCluster -Namespace'
        'ClusterCreateResult.Namespace -> Update-DkpFipsCluster -Namespace'
        # A create plan: the versions, provider and build it plans.
        'ClusterPlan -> Export-DkpFipsReport -InputObject (ByValue)'
        'ClusterPlan.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'ClusterPlan.ClusterName -> New-DkpFipsCluster -ClusterName'
        'ClusterPlan.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'ClusterPlan.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'ClusterPlan.EtcdVersion -> ConvertTo-DkpFipsPipelineMatrix -EtcdVersion'
        'ClusterPlan.EtcdVersion -> New-DkpFipsCluster -EtcdVersion'
        'ClusterPlan.FipsBuild -> Test-FipsAmi -FipsBuild'
        'ClusterPlan.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'ClusterPlan.Provider -> ConvertTo-DkpFipsPipelineMatrix -Provider'
        'ClusterPlan.Provider -> New-DkpFipsCluster -Provider'
        'ClusterPlan.Provider -> Update-DkpFipsCluster -Provider'
        # A spec (file entry or CSV row): New-DkpFipsCluster's parameters; the management cluster and namespace reach Test-/Update-DkpFipsCluster.
        'ClusterSpec -> Export-DkpFipsReport -InputObject (ByValue)'
        'ClusterSpec.AmiId -> ConvertTo-DkpFipsPipelineMatrix -AmiId'
        'ClusterSpec.AmiId -> New-DkpFipsCluster -AmiId'
        'ClusterSpec.AmiId -> Test-FipsAmi -ImageId'
        'ClusterSpec.AmiId -> Update-DkpFipsCluster -AmiId'
        'ClusterSpec.ArgumentList -> ConvertTo-DkpFipsPipelineMatrix -ArgumentList'
        'ClusterSpec.ArgumentList -> New-DkpFipsCluster -ArgumentList'
        'ClusterSpec.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'ClusterSpec.ClusterName -> New-DkpFipsCluster -ClusterName'
        'ClusterSpec.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'ClusterSpec.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'ClusterSpec.DkpPath -> ConvertTo-DkpFipsPipelineMatrix -DkpPath'
        'ClusterSpec.DkpPath -> New-DkpFipsCluster -DkpPath'
        'ClusterSpec.DkpPath -> Update-DkpFipsCluster -DkpPath'
        'ClusterSpec.EtcdVersion -> ConvertTo-DkpFipsPipelineMatrix -EtcdVersion'
        'ClusterSpec.EtcdVersion -> New-DkpFipsCluster -EtcdVersion'
        'ClusterSpec.ImageRepository -> ConvertTo-DkpFipsPipelineMatrix -ImageRepository'
        'ClusterSpec.ImageRepository -> New-DkpFipsCluster -ImageRepository'
        'ClusterSpec.ImageRepository -> Test-DkpFipsCluster -ImageRepository'
        'ClusterSpec.ImageRepository -> Update-DkpFipsCluster -ImageRepository'
        'ClusterSpec.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'ClusterSpec.ManagementKubeconfig -> ConvertTo-DkpFipsPipelineMatrix -ManagementKubeconfig'
        'ClusterSpec.ManagementKubeconfig -> New-DkpFipsCluster -ManagementKubeconfig'
        'ClusterSpec.ManagementKubeconfig -> Test-DkpFipsCluster -ManagementKubeconfig'
        'ClusterSpec.ManagementKubeconfig -> Update-DkpFipsCluster -ManagementKubeconfig'
        'ClusterSpec.Namespace -> ConvertTo-DkpFipsPipelineMatrix -Namespace'
        'ClusterSpec.Namespace -> New-DkpFipsCluster -Namespace'
        'ClusterSpec.Namespace -> Test-DkpFipsCluster -Namespace'
        'ClusterSpec.Namespace -> Update-DkpFipsCluster -Namespace'
        'ClusterSpec.OverrideSecretName -> ConvertTo-DkpFipsPipelineMatrix -OverrideSecretName'
        'ClusterSpec.OverrideSecretName -> New-DkpFipsCluster -OverrideSecretName'
        'ClusterSpec.Provider -> ConvertTo-DkpFipsPipelineMatrix -Provider'
        'ClusterSpec.Provider -> New-DkpFipsCluster -Provider'
        'ClusterSpec.Provider -> Update-DkpFipsCluster -Provider'
        'ClusterSpec.Region -> ConvertTo-DkpFipsPipelineMatrix -Region'
        'ClusterSpec.Region -> New-DkpFipsCluster -Region'
        'ClusterSpec.Region -> New-FipsAmi -Region'
        'ClusterSpec.Region -> Test-FipsAmi -Region'
        'ClusterSpec.RegistryMirrorUrl -> ConvertTo-DkpFipsPipelineMatrix -RegistryMirrorUrl'
        'ClusterSpec.RegistryMirrorUrl -> New-DkpFipsCluster -RegistryMirrorUrl'
        'ClusterSpec.VmTemplate -> ConvertTo-DkpFipsPipelineMatrix -VmTemplate'
        'ClusterSpec.VmTemplate -> New-DkpFipsCluster -VmTemplate'
        'ClusterSpec.VmTemplate -> Update-DkpFipsCluster -VmTemplate'
        # An upgrade plan: CurrentVersion is the running version, KubernetesVersion the target.
        'ClusterUpgradePlan -> Export-DkpFipsReport -InputObject (ByValue)'
        'ClusterUpgradePlan.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'ClusterUpgradePlan.ClusterName -> New-DkpFipsCluster -ClusterName'
        'ClusterUpgradePlan.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'ClusterUpgradePlan.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'ClusterUpgradePlan.CurrentVersion -> Update-DkpFipsCluster -CurrentVersion'
        'ClusterUpgradePlan.FipsBuild -> Test-FipsAmi -FipsBuild'
        'ClusterUpgradePlan.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'ClusterUpgradePlan.Provider -> ConvertTo-DkpFipsPipelineMatrix -Provider'
        'ClusterUpgradePlan.Provider -> New-DkpFipsCluster -Provider'
        'ClusterUpgradePlan.Provider -> Update-DkpFipsCluster -Provider'
        # An upgrade result: as its plan.
        'ClusterUpgradeResult -> Export-DkpFipsReport -InputObject (ByValue)'
        'ClusterUpgradeResult.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'ClusterUpgradeResult.ClusterName -> New-DkpFipsCluster -ClusterName'
        'ClusterUpgradeResult.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'ClusterUpgradeResult.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'ClusterUpgradeResult.CurrentVersion -> Update-DkpFipsCluster -CurrentVersion'
        'ClusterUpgradeResult.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        # A built image: its id (AmiId/ImageId), region, version and OS.
        'FipsAmiImage -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsAmiImage.AmiId -> ConvertTo-DkpFipsPipelineMatrix -AmiId'
        'FipsAmiImage.AmiId -> New-DkpFipsCluster -AmiId'
        'FipsAmiImage.AmiId -> Test-FipsAmi -ImageId'
        'FipsAmiImage.AmiId -> Update-DkpFipsCluster -AmiId'
        'FipsAmiImage.ContainerdVersion -> New-FipsAmi -ContainerdVersion'
        'FipsAmiImage.ImageId -> ConvertTo-DkpFipsPipelineMatrix -AmiId'
        'FipsAmiImage.ImageId -> New-DkpFipsCluster -AmiId'
        'FipsAmiImage.ImageId -> Test-FipsAmi -ImageId'
        'FipsAmiImage.ImageId -> Update-DkpFipsCluster -AmiId'
        'FipsAmiImage.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FipsAmiImage.OperatingSystem -> New-FipsAmi -OperatingSystem'
        'FipsAmiImage.Provider -> ConvertTo-DkpFipsPipelineMatrix -Provider'
        'FipsAmiImage.Provider -> New-DkpFipsCluster -Provider'
        'FipsAmiImage.Provider -> Update-DkpFipsCluster -Provider'
        'FipsAmiImage.Region -> ConvertTo-DkpFipsPipelineMatrix -Region'
        'FipsAmiImage.Region -> New-DkpFipsCluster -Region'
        'FipsAmiImage.Region -> New-FipsAmi -Region'
        'FipsAmiImage.Region -> Test-FipsAmi -Region'
        'FipsAmiImage.VmTemplate -> ConvertTo-DkpFipsPipelineMatrix -VmTemplate'
        'FipsAmiImage.VmTemplate -> New-DkpFipsCluster -VmTemplate'
        'FipsAmiImage.VmTemplate -> Update-DkpFipsCluster -VmTemplate'
        # An image build plan: what New-FipsAmi would build.
        'FipsAmiPlan -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsAmiPlan.FipsBuild -> Test-FipsAmi -FipsBuild'
        'FipsAmiPlan.ImageDefinition -> New-FipsAmi -ImageDefinition'
        'FipsAmiPlan.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FipsAmiPlan.OperatingSystem -> New-FipsAmi -OperatingSystem'
        'FipsAmiPlan.Platform -> New-FipsAmi -Platform'
        # An AMI report: by value, so an unfit AMI is refused; its Name (the AMI's name) binds nothing.
        'FipsAmiReport -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsAmiReport -> ConvertTo-DkpFipsPipelineMatrix -AmiReport (ByValue)'
        'FipsAmiReport -> New-DkpFipsCluster -AmiReport (ByValue)'
        'FipsAmiReport -> Update-DkpFipsCluster -AmiReport (ByValue)'
        'FipsAmiReport.ImageId -> ConvertTo-DkpFipsPipelineMatrix -AmiId'
        'FipsAmiReport.ImageId -> New-DkpFipsCluster -AmiId'
        'FipsAmiReport.ImageId -> Test-FipsAmi -ImageId'
        'FipsAmiReport.ImageId -> Update-DkpFipsCluster -AmiId'
        'FipsAmiReport.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FipsAmiReport.OperatingSystem -> New-FipsAmi -OperatingSystem'
        'FipsAmiReport.Region -> ConvertTo-DkpFipsPipelineMatrix -Region'
        'FipsAmiReport.Region -> New-DkpFipsCluster -Region'
        'FipsAmiReport.Region -> New-FipsAmi -Region'
        'FipsAmiReport.Region -> Test-FipsAmi -Region'
        # A catalog build: by value wherever a build is taken; EtcdImageRepository binds nothing (it would override -ImageRepository's mirror).
        'FipsBuild -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsBuild -> New-DkpFipsCluster -FipsBuild (ByValue)'
        'FipsBuild -> New-FipsAmi -FipsBuild (ByValue)'
        'FipsBuild -> Test-DkpFipsCluster -FipsBuild (ByValue)'
        'FipsBuild -> Test-FipsAmi -FipsBuild (ByValue)'
        'FipsBuild -> Test-FipsBuild -Build (ByValue)'
        'FipsBuild -> Update-DkpFipsCluster -FipsBuild (ByValue)'
        'FipsBuild.DkpVersion -> Get-FipsBuild -DkpVersion'
        'FipsBuild.EtcdVersion -> ConvertTo-DkpFipsPipelineMatrix -EtcdVersion'
        'FipsBuild.EtcdVersion -> New-DkpFipsCluster -EtcdVersion'
        'FipsBuild.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        # A registry test of a build: its versions.
        'FipsBuildRegistryTest -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsBuildRegistryTest.DkpVersion -> Get-FipsBuild -DkpVersion'
        'FipsBuildRegistryTest.EtcdVersion -> ConvertTo-DkpFipsPipelineMatrix -EtcdVersion'
        'FipsBuildRegistryTest.EtcdVersion -> New-DkpFipsCluster -EtcdVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        # A cluster report: CurrentVersion (the running version) is the upgrade's start; by value, a non-compliant report is refused.
        'FipsClusterReport -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsClusterReport -> Update-DkpFipsCluster -CurrentState (ByValue)'
        'FipsClusterReport.ClusterName -> ConvertTo-DkpFipsPipelineMatrix -ClusterName'
        'FipsClusterReport.ClusterName -> New-DkpFipsCluster -ClusterName'
        'FipsClusterReport.ClusterName -> Test-DkpFipsCluster -ClusterName'
        'FipsClusterReport.ClusterName -> Update-DkpFipsCluster -ClusterName'
        'FipsClusterReport.Context -> Test-DkpFipsCluster -Context'
        'FipsClusterReport.Context -> Update-DkpFipsCluster -Context'
        'FipsClusterReport.CurrentVersion -> Update-DkpFipsCluster -CurrentVersion'
        'FipsClusterReport.EtcdVersion -> ConvertTo-DkpFipsPipelineMatrix -EtcdVersion'
        'FipsClusterReport.EtcdVersion -> New-DkpFipsCluster -EtcdVersion'
        # A report file: Export-DkpFipsReport takes any object and refuses what it cannot report (UnsupportedReportInput).
        'FipsReportFile -> Export-DkpFipsReport -InputObject (ByValue)'
        # A matrix: as a report file.
        'PipelineMatrix -> Export-DkpFipsReport -InputObject (ByValue)'
        # Registries (Find-, Copy-, Save-, Publish-FipsBuild). A build's KubernetesVersion means a
        # FIPS build's version everywhere, so every object that carries one can name the build to
        # copy or save. A found build binds whole (-FoundBuild: its registry is the source, an
        # incomplete one is refused); -Source never binds from a property.
        'ClusterPlan.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'ClusterPlan.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'ClusterSpec.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'ClusterUpgradePlan.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'ClusterUpgradeResult.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsAmiImage.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsAmiPlan.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsAmiReport.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsBuild -> Copy-FipsBuild -Build (ByValue)'
        'FipsBuild -> Save-FipsBuild -Build (ByValue)'
        'FipsBuild.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsBuild.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsBuildArchive -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsBuildArchive -> Publish-FipsBuild -Archive (ByValue)'
        'FipsBuildArchive.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsBuildArchive.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsBuildRegistryTest.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsBuildRegistryTest.Registry -> Find-FipsBuild -Registry'
        'FipsImageCopy -> Export-DkpFipsReport -InputObject (ByValue)'
        'FipsImageCopy.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FipsImageCopy.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FoundFipsBuildInfo -> Copy-FipsBuild -FoundBuild (ByValue)'
        'FoundFipsBuildInfo -> Export-DkpFipsReport -InputObject (ByValue)'
        # A found build becomes a user catalog row (Export-FipsCatalog): whole, by value; an incomplete one is refused by name.
        'FoundFipsBuildInfo -> Export-FipsCatalog -InputObject (ByValue)'
        'FoundFipsBuildInfo -> Save-FipsBuild -FoundBuild (ByValue)'
        'FoundFipsBuildInfo.KubernetesVersion -> ConvertTo-DkpFipsPipelineMatrix -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Copy-FipsBuild -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Get-FipsBuild -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> New-DkpFipsCluster -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> New-FipsAmi -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Save-FipsBuild -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Test-FipsAmi -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Test-FipsBuild -KubernetesVersion'
        'FoundFipsBuildInfo.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'
        'FoundFipsBuildInfo.Registry -> Find-FipsBuild -Registry'
    )
}

Describe 'Pipeline bindings' {
    It 'lists every output type of the module' {
        $types = Get-Command -Module DkpFips -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -eq 'DkpFips' }
        $types | Should -Not -BeNullOrEmpty
        # Every top-level output type is looked at, including those that bind nothing.
        @($types.Name) | Should -Contain 'FipsReportFile'
        @($types.Name) | Should -Contain 'PipelineMatrix'
    }

    It 'binds nothing the table does not declare' {
        $actual = @(Get-PipelineBinding | Sort-Object -Unique)
        $undeclared = $actual | Where-Object { $Declared -notcontains $_ }
        $undeclared | Should -BeNullOrEmpty -Because 'every pipe must be reviewed and declared in this table (and its meaning documented in about_DkpFips)'
    }

    It 'still has every binding the table declares' {
        $actual = @(Get-PipelineBinding | Sort-Object -Unique)
        $gone = $Declared | Where-Object { $actual -notcontains $_ }
        $gone | Should -BeNullOrEmpty -Because 'a declared pipe that no longer binds breaks a user''s pipeline'
    }

    It 'never binds a name that means another thing' -ForEach @(
        @{ Binding = 'FipsAmiReport.Name -> New-DkpFipsCluster -ClusterName'; Why = 'an AMI''s name is not a cluster name' }
        @{ Binding = 'FipsClusterReport.CurrentVersion -> Update-DkpFipsCluster -KubernetesVersion'; Why = 'the running version is not the target' }
        @{ Binding = 'FipsClusterReport.KubernetesVersion -> Update-DkpFipsCluster -KubernetesVersion'; Why = 'the running version is not the target' }
        @{ Binding = 'ClusterSpec.ManagementKubeconfig -> Test-DkpFipsCluster -Kubeconfig'; Why = 'the management cluster is not the workload' }
        @{ Binding = 'ClusterSpec.Kubeconfig -> Test-DkpFipsCluster -Kubeconfig'; Why = 'the management cluster is not the workload' }
        @{ Binding = 'FipsBuild.EtcdImageRepository -> Test-DkpFipsCluster -EtcdImageRepository'; Why = 'a build''s default registry would override the mirror' }
        @{ Binding = 'FipsReportFile.Path -> Import-DkpFipsClusterSpec -Path'; Why = 'a report file is not a spec file' }
        @{ Binding = 'FipsReportFile.Path -> Publish-FipsBuild -Path'; Why = 'a report file is not an image archive' }
        @{ Binding = 'FipsBuild.Source -> Copy-FipsBuild -Source'; Why = 'a catalog row''s Source is its provenance, not a registry' }
        @{ Binding = 'FipsBuild.Source -> Save-FipsBuild -Source'; Why = 'a catalog row''s Source is its provenance, not a registry' }
        @{ Binding = 'FipsBuildRegistryTest.Registry -> Copy-FipsBuild -Source'; Why = 'the registry tested may be the mirror that lacks the images' }
        @{ Binding = 'FipsImageCopy.Source -> Copy-FipsBuild -Source'; Why = 'a copied image''s source reference is not a registry namespace' }
    ) {
        @(Get-PipelineBinding) | Should -Not -Contain $Binding -Because $Why
        $Declared | Should -Not -Contain $Binding
    }
}
