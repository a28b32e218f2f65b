BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
    if ($IsWindows) { $script:Fake += '.exe' }
    $script:Ami = 'ami-03dcaa75d45aca36f'

    function Reset-FakeDkp {
        Get-ChildItem env:FAKEDKP_* | ForEach-Object { Remove-Item "env:$($_.Name)" }
        Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue
    }

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function Read-Record([string] $Path) { Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 30) {
        # Polls a condition (no fixed sleep); fails the test when it never holds.
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Condition not met within $Seconds s: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }

    function Test-ProcessAlive([int] $Id) {
        try { $p = [Diagnostics.Process]::GetProcessById($Id); -not $p.HasExited } catch { $false }
    }
}

Describe 'New-DkpFipsCluster' {
    AfterEach { Reset-FakeDkp }

    Context 'planning (-PlanOnly)' {
        It 'maps a cluster to the exact dkp create cluster arguments with all four FIPS flags' {
            $plan = New-DkpFipsCluster -ClusterName fips-1 -KubernetesVersion 1.23 -AmiId $Ami -Region us-west-2 -PlanOnly -DkpPath $Fake
            $plan | Should -BeOfType ([DkpFips.ClusterPlan])
            $plan.Arguments | Should -Be @('create', 'cluster', 'aws', '--cluster-name=fips-1', '--kubernetes-version=v1.23.7+fips.0',
                '--etcd-version=3.4.13+fips.0', '--kubernetes-image-repository=docker.io/mesosphere', '--etcd-image-repository=docker.io/mesosphere',
                "--ami=$Ami", '--region=us-west-2')
            $plan.Provider | Should -Be 'aws'
            $plan.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $plan.EtcdVersion | Should -Be '3.4.13+fips.0'
            $plan.Executable | Should -Be $Fake
            $plan.FipsBuild | Should -BeOfType ([DkpFips.FipsBuild])
            $plan.FipsBuild.DkpVersion | Should -Be '2.3'
            $plan.CommandLine | Should -BeLike "*create cluster aws --cluster-name=fips-1 --kubernetes-version=v1.23.7+fips.0 *"
            $plan.GetCommandLine('bash') | Should -BeLike '*--etcd-image-repository=docker.io/mesosphere --ami=ami-03dcaa75d45aca36f*'
            $plan.GetCommandLine('cmd') | Should -Not -BeNullOrEmpty
            { $plan.GetCommandLine('fish') } | Should -Throw '*Unknown shell*'
        }

        It 'takes a build from Get-FipsBuild through the pipeline' {
            $plan = Get-FipsBuild -DkpVersion 2.2 | New-DkpFipsCluster -ClusterName a -AmiId $Ami -PlanOnly
            $plan.KubernetesVersion | Should -Be 'v1.22.8+fips.0'
            $plan.FipsBuild.DkpVersion | Should -Be '2.2'
        }

        It 'keeps an unquoted 1.30 as typed' {
            (New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.30 -AmiId $Ami -PlanOnly).FipsBuild.DkpVersion | Should -Be '2.13'
        }

        It 'binds CSV rows by property name; an invalid row is reported and the rest still plan' {
            $csv = Join-Path $TestDrive 'clusters.csv'
            @(
                [pscustomobject]@{ ClusterName = 'aws-1'; Provider = 'aws'; KubernetesVersion = '1.23'; AmiId = $Ami; VmTemplate = ''; OverrideSecretName = ''; ImageRepository = '' }
                [pscustomobject]@{ ClusterName = 'Bad_Name'; Provider = 'aws'; KubernetesVersion = '1.23'; AmiId = $Ami; VmTemplate = ''; OverrideSecretName = ''; ImageRepository = '' }
                [pscustomobject]@{ ClusterName = 'vs-1'; Provider = 'vsphere'; KubernetesVersion = '1.22'; AmiId = ''; VmTemplate = 'konvoy-rhel-84-fips'; OverrideSecretName = ''; ImageRepository = 'mirror.example.internal/mesosphere' }
                [pscustomobject]@{ ClusterName = 'az-1'; Provider = 'azure'; KubernetesVersion = '1.23'; AmiId = ''; VmTemplate = ''; OverrideSecretName = ''; ImageRepository = '' }
                [pscustomobject]@{ ClusterName = 'pre-1'; Provider = ''; KubernetesVersion = 'v1.21.6+fips.0'; AmiId = ''; VmTemplate = ''; OverrideSecretName = 'fips-overrides'; ImageRepository = '' }
                [pscustomobject]@{ ClusterName = 'aws-2'; Provider = 'aws'; KubernetesVersion = '1.23'; AmiId = 'ami-XYZ'; VmTemplate = ''; OverrideSecretName = ''; ImageRepository = '' }
            ) | Export-Csv -LiteralPath $csv -NoTypeInformation
            $plans = Import-Csv $csv | New-DkpFipsCluster -PlanOnly -ErrorVariable errs -ErrorAction SilentlyContinue
            $plans.ClusterName | Should -Be @('aws-1', 'vs-1', 'pre-1')
            $plans[1].Arguments | Should -Contain '--vm-template=konvoy-rhel-84-fips'
            $plans[1].Arguments | Should -Contain '--etcd-image-repository=mirror.example.internal/mesosphere'
            $plans[2].Provider | Should -Be 'preprovisioned'
            $plans[2].Arguments | Should -Contain '--override-secret-name=fips-overrides'
            $errs.FullyQualifiedErrorId | Should -Be @('InvalidClusterName,DkpFips.Cmdlets.NewDkpFipsClusterCommand',
                'ProviderNotFipsCapable,DkpFips.Cmdlets.NewDkpFipsClusterCommand', 'InvalidAmiId,DkpFips.Cmdlets.NewDkpFipsClusterCommand')
            $errs[1].Exception.Message | Should -BeLike '*no FIPS operating system image is supported on azure*'
        }

        It 'keeps each piped record''s fields to that record; a value given on the command line goes to every record' {
            $plans = @(
                [pscustomobject]@{ ClusterName = 'rec-1'; AmiId = $Ami; Region = 'us-west-2'; Namespace = 'team-a'; ArgumentList = @('--worker-replicas=5') }
                [pscustomobject]@{ ClusterName = 'rec-2'; AmiId = 'ami-0123456789abcdef0' }
            ) | New-DkpFipsCluster -KubernetesVersion 1.23 -ImageRepository mirror.example.internal/mesosphere -PlanOnly -ErrorAction Stop
            $plans.ClusterName | Should -Be @('rec-1', 'rec-2')
            $plans[0].Arguments | Should -Contain '--region=us-west-2'
            $plans[0].Arguments | Should -Contain '--namespace=team-a'
            $plans[0].Arguments[-1] | Should -Be '--worker-replicas=5'
            $plans[1].Arguments | Should -Contain '--ami=ami-0123456789abcdef0'
            $plans[1].Arguments -match '^--(region|namespace|worker-replicas)' | Should -BeNullOrEmpty
            $plans | ForEach-Object { $_.Arguments | Should -Contain '--kubernetes-image-repository=mirror.example.internal/mesosphere' }
        }

        It 'refuses extra arguments that would override a FIPS flag (<Arguments>)' -ForEach @(
            @{ Arguments = @('--kubernetes-version=v1.23.7') }
            @{ Arguments = @('--etcd-version', '3.4.13') }
            @{ Arguments = @('--kubernetes-image-repository', 'registry.k8s.io') }
            @{ Arguments = @('--etcd-image-repository=registry.k8s.io') }
        ) {
            { New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -ArgumentList $Arguments -PlanOnly -ErrorAction Stop } |
                Should -Throw -ErrorId 'FipsFlagOverride,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
        }

        It 'gives a specific error for <Case>' -ForEach @(
            @{ Case = 'a missing machine image'; Splat = @{ ClusterName = 'a'; Provider = 'aws'; KubernetesVersion = '1.23' }; Id = 'MachineImageRequired' }
            @{ Case = 'an unknown version'; Splat = @{ ClusterName = 'a'; AmiId = 'ami-03dcaa75d45aca36f'; KubernetesVersion = '1.19' }; Id = 'FipsBuildNotFound' }
            @{ Case = 'a non-FIPS etcd'; Splat = @{ ClusterName = 'a'; AmiId = 'ami-03dcaa75d45aca36f'; KubernetesVersion = '1.23'; EtcdVersion = '3.4.13' }; Id = 'InvalidEtcdVersion' }
            @{ Case = 'no version'; Splat = @{ ClusterName = 'a'; AmiId = 'ami-03dcaa75d45aca36f' }; Id = 'KubernetesVersionRequired' }
            @{ Case = 'a bad mirror'; Splat = @{ ClusterName = 'a'; AmiId = 'ami-03dcaa75d45aca36f'; KubernetesVersion = '1.23'; ImageRepository = 'https://x/y' }; Id = 'InvalidImageRepository' }
        ) {
            { New-DkpFipsCluster @Splat -PlanOnly -ErrorAction Stop } | Should -Throw -ErrorId "$Id,DkpFips.Cmdlets.NewDkpFipsClusterCommand"
        }
    }

    Context 'running dkp' {
        It 'runs dkp with exactly the planned arguments and reports the result' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            $env:FAKEDKP_LINES = '3'
            $verbose = New-DkpFipsCluster -ClusterName run-1 -KubernetesVersion 1.22 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -Verbose 4>&1
            $result = $verbose | Where-Object { $_ -is [DkpFips.ClusterCreateResult] }
            $result.Status | Should -Be 'Succeeded'
            $result.ExitCode | Should -Be 0
            $result.Duration | Should -BeOfType ([timespan])
            $result.Plan.ClusterName | Should -Be 'run-1'
            (Read-Record (Join-Path $dir 'run-1.json')).argv | Should -Be $result.Plan.Arguments
            $result.LogPath | Should -Exist
            Get-Content $result.LogPath | Should -Contain ' ✓ Cluster run-1 created'
            ($verbose | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Contain '[run-1]  • Waiting for cluster infrastructure to be ready (3/3)'
        }

        It 'says where each new cluster lives: its management kubeconfig and namespace as given, else the default kubeconfig' {
            $dir = New-TestDirectory
            $management = Join-Path $dir 'management.conf'
            $saved = $env:KUBECONFIG
            try {
                $env:KUBECONFIG = Join-Path $dir 'default.conf'
                $results = @(
                    [pscustomobject]@{ ClusterName = 'at-1'; ManagementKubeconfig = " $management "; Namespace = ' team-a ' }
                    [pscustomobject]@{ ClusterName = 'at-2' }
                ) | New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -ThrottleLimit 1
            }
            finally { $env:KUBECONFIG = $saved }
            $byName = @{}; $results | ForEach-Object { $byName[$_.ClusterName] = $_ }
            $byName['at-1'].ManagementKubeconfig | Should -Be $management
            $byName['at-1'].Namespace | Should -Be 'team-a'
            $byName['at-1'].Plan.Arguments | Should -Contain '--namespace=team-a'
            $byName['at-2'].ManagementKubeconfig | Should -Be (Join-Path $dir 'default.conf')
            $byName['at-2'].Namespace | Should -BeNullOrEmpty
            $byName['at-2'].KubeconfigPath | Should -BeNullOrEmpty
        }

        It 'finds dkp on PATH, else nkp' {
            $bin = New-TestDirectory
            Copy-Item (Split-Path $Fake) -Destination (Join-Path $bin 'tool') -Recurse
            $nkp = Join-Path $bin ('tool/nkp' + $(if ($IsWindows) { '.exe' }))
            Copy-Item $Fake $nkp
            $saved = $env:PATH
            try {
                $env:PATH = (Join-Path $bin 'tool') + [IO.Path]::PathSeparator + $saved
                (New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -PlanOnly).Executable | Should -Be $nkp
                $env:PATH = $bin
                (New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -PlanOnly).Executable | Should -Be 'dkp'
            }
            finally { $env:PATH = $saved }
        }

        It 'stops before running anything when dkp is missing' {
            $dir = New-TestDirectory
            { 'c1', 'c2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath (Join-Path $dir 'no-such-dkp') -ErrorAction Stop } |
                Should -Throw -ErrorId 'DkpNotFound,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
        }

        It 'reports a dkp that cannot be started' -Skip:$IsWindows {
            $dir = New-TestDirectory
            $notExecutable = Join-Path $dir 'dkp'
            Set-Content $notExecutable 'not a program'
            $result = New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $notExecutable -LogDirectory $dir -ErrorVariable errs -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'Failed'
            $errs[0].FullyQualifiedErrorId | Should -Be 'DkpStartFailed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
        }

        It 'turns a non-zero exit into a Failed result and an error with the last lines of output' {
            $env:FAKEDKP_EXIT = '3'
            $env:FAKEDKP_LINES = '30'
            $result = New-DkpFipsCluster -ClusterName fails -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory (New-TestDirectory) -ErrorVariable errs -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'Failed'
            $result.ExitCode | Should -Be 3
            $errs[0].FullyQualifiedErrorId | Should -Be 'DkpFailed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $errs[0].Exception.Message | Should -BeLike '*exit code 3*(30/30)*Error: dkp failed with exit code 3*Full log:*'
            $errs[0].Exception.Message | Should -Not -BeLike '*(5/30)*'
        }

        It 'stops a hung dkp and its child processes after -TimeoutSec' {
            $dir = New-TestDirectory
            $env:FAKEDKP_HANG = '1'
            $env:FAKEDKP_SPAWN_CHILD = Join-Path $dir 'child.pid'
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $result = New-DkpFipsCluster -ClusterName hangs -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -TimeoutSec 1 -LogDirectory $dir -ErrorVariable errs -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'TimedOut'
            $result.ExitCode | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'DkpTimedOut,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            Test-ProcessAlive (Read-Record $env:FAKEDKP_RECORD).pid | Should -BeFalse
            Wait-Until { -not (Test-ProcessAlive ([int](Get-Content (Join-Path $dir 'child.pid')))) } -Seconds 10
        }

        It 'stops the dkp process tree when the pipeline is stopped (Ctrl+C) and journals it as Cancelled' {
            $dir = New-TestDirectory
            $env:FAKEDKP_HANG = '1'
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $journal = Join-Path $dir 'journal.jsonl'
            $ps = [powershell]::Create()
            try {
                # The module is imported first, on its own: a stopped asynchronous batch (AddStatement) can run
                # its next statement on the closed runspace, an unhandled exception that ends the test process.
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('New-DkpFipsCluster').
                    AddParameters(@{ ClusterName = 'stopped'; KubernetesVersion = '1.23'; AmiId = $Ami; DkpPath = $Fake; JournalPath = $journal; LogDirectory = $dir })
                $async = $ps.BeginInvoke()
                Wait-Until { Test-Path $env:FAKEDKP_RECORD }
                $ps.Stop()
                Test-ProcessAlive (Read-Record $env:FAKEDKP_RECORD).pid | Should -BeFalse
                (Get-Content $journal | ConvertFrom-Json).status | Should -Be 'Cancelled'
            }
            finally { $ps.Dispose() }
        }

        It 'reports a dkp killed from outside as Failed with its exit code' -Skip:$IsWindows {
            $dir = New-TestDirectory
            $env:FAKEDKP_HANG = '1'
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $ps = [powershell]::Create()
            try {
                # The module is imported first, on its own: a stopped asynchronous batch (AddStatement) can run
                # its next statement on the closed runspace, an unhandled exception that ends the test process.
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('New-DkpFipsCluster').
                    AddParameters(@{ ClusterName = 'killed'; KubernetesVersion = '1.23'; AmiId = $Ami; DkpPath = $Fake; LogDirectory = $dir; ErrorAction = 'Continue' })
                $async = $ps.BeginInvoke()
                Wait-Until { Test-Path $env:FAKEDKP_RECORD }
                [Diagnostics.Process]::GetProcessById((Read-Record $env:FAKEDKP_RECORD).pid).Kill()
                $result = $ps.EndInvoke($async) | Select-Object -Last 1
                $result.Status | Should -Be 'Failed'
                $result.ExitCode | Should -Be 137
                $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'DkpFailed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            }
            finally { $ps.Dispose() }
        }

        It 'creates nothing with -WhatIf' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $out = New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -WhatIf
            $out | Should -BeNullOrEmpty
            $env:FAKEDKP_RECORD | Should -Not -Exist
        }

        It 'passes AWS credentials in the environment, never the arguments' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            $env:FAKEDKP_RECORD_ENV = 'AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY'
            $cred = [pscredential]::new('AKIAEXAMPLE', (ConvertTo-SecureString 'wJalr-secret-canary' -AsPlainText -Force))
            $null = New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -AwsCredential $cred -LogDirectory $dir
            $record = Read-Record $env:FAKEDKP_RECORD
            $record.env.AWS_SECRET_ACCESS_KEY | Should -BeExactly 'wJalr-secret-canary'
            $record.env.AWS_ACCESS_KEY_ID | Should -BeExactly 'AKIAEXAMPLE'
            $record.argv -join ' ' | Should -Not -BeLike '*canary*'
        }
    }

    Context 'argument fidelity' {
        BeforeAll {
            # No control characters: the argv boundary refuses them (HostileInput.Tests.ps1).
            $script:Pieces = @(' ', '  ', '"', "'", '\', '\\', '\"', '$(', ')', '`', '$x', '${x}', ';', '&', '&&', '|', '||',
                '<', '>', '^', '%', '%PATH%', '!', '*', '?', '[', ']', '{', '}', '#', '~', '=', '-', ',', '@', '‘', '’', 'é', '日本', '😀', "$([char]0xA0)", 'a', '0', '+', '/')
            function New-NastyValues([int] $Count, [int] $Seed) {
                $random = [Random]::new($Seed)
                '', '\', '"', 'a\', 'a b\', '\\"'
                for ($i = 0; $i -lt $Count; $i++) {
                    -join (1..$random.Next(1, 8) | ForEach-Object { $Pieces[$random.Next($Pieces.Count)] })
                }
            }
        }

        It 'delivers generated values to dkp byte for byte (seed <Seed>)' -ForEach @(@{ Seed = 1 }, @{ Seed = 2 }, @{ Seed = 3 }, @{ Seed = 4 }) {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            # A leading non-flag keeps any generated value from reading as a flag name.
            [string[]] $values = New-NastyValues 500 $Seed | ForEach-Object { "v=$_" }
            $result = New-DkpFipsCluster -ClusterName fidelity -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -ArgumentList $values -LogDirectory $dir
            $result.Status | Should -Be 'Succeeded'
            [string[]] $argv = (Read-Record $env:FAKEDKP_RECORD).argv
            $offset = $result.Plan.Arguments.Count - $values.Count
            $offset | Should -Be 9
            $received = $argv[$offset..($argv.Count - 1)]
            $received.Count | Should -Be $values.Count
            for ($i = 0; $i -lt $values.Count; $i++) {
                if ($received[$i] -cne $values[$i]) { throw "Value $i differs: sent [$($values[$i])] received [$($received[$i])]" }
            }
        }

        It 'writes a CommandLine that <Shell> re-parses to the same arguments' -ForEach @(@{ Shell = 'bash' }, @{ Shell = 'pwsh' }) {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir 'record.json'
            [string[]] $values = New-NastyValues 300 ($Shell.Length + 10) | ForEach-Object { "v=$_" }
            $plan = New-DkpFipsCluster -ClusterName reparse -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -ArgumentList $values -PlanOnly
            $line = $plan.GetCommandLine($Shell)
            if ($Shell -eq 'bash') { & bash -c $line } else { Invoke-Expression $line }
            [string[]] $argv = (Read-Record $env:FAKEDKP_RECORD).argv
            $argv.Count | Should -Be $plan.Arguments.Count
            for ($i = 0; $i -lt $argv.Count; $i++) {
                if ($argv[$i] -cne $plan.Arguments[$i]) { throw "Argument $i differs: planned [$($plan.Arguments[$i])] received [$($argv[$i])]" }
            }
        }
    }

    Context 'secrets' {
        It 'never shows a secret in any stream, object, journal or log file' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'journal.jsonl'
            $canaries = 'mirror-pw-CANARY-1', 'aws-CANARY-2', 'token-CANARY-3'
            $env:FAKEDKP_ECHO = '1'
            $env:FAKEDKP_FAIL_CLUSTERS = 'sec-2'
            $env:TF_BUILD = 'True'
            $mirror = [pscredential]::new('mirror-user', (ConvertTo-SecureString $canaries[0] -AsPlainText -Force))
            $aws = [pscredential]::new('AKIAEXAMPLE', (ConvertTo-SecureString $canaries[1] -AsPlainText -Force))
            $everything = 'sec-1', 'sec-2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -RegistryMirrorUrl 'https://mirror.example.internal' `
                    -RegistryMirrorCredential $mirror -AwsCredential $aws -ArgumentList '--vault-token', $canaries[2] `
                    -JournalPath $journal -LogDirectory $dir -Verbose -ErrorAction SilentlyContinue -ErrorVariable errs *>&1
            $everything += New-DkpFipsCluster -ClusterName sec-3 -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -RegistryMirrorCredential $mirror -ArgumentList '--vault-token', $canaries[2] -PlanOnly
            $results = $everything | Where-Object { $_ -is [DkpFips.ClusterCreateResult] }
            ($results | Sort-Object ClusterName).Status | Should -Be @('Succeeded', 'Failed')
            $errs | Should -Not -BeNullOrEmpty
            $text = @(
                $everything | ForEach-Object { $_ | Out-String -Width 400 }
                $everything | Where-Object { $_ -is [DkpFips.ClusterCreateResult] -or $_ -is [DkpFips.ClusterPlan] } | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                # What New-DkpFipsCluster puts in its error records (InvocationInfo is PowerShell's echo of the caller's own parameters).
                $errs | ForEach-Object { $_.Exception.Message; $_.ErrorDetails; $_.CategoryInfo; $_.TargetObject | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue }
                $results | ForEach-Object { $_.Plan.GetCommandLine('bash'); $_.Plan.GetCommandLine('cmd') }
                Get-ChildItem $dir -File -Recurse | Get-Content -Raw
            ) -join "`n"
            $text.Contains('arg: --registry-mirror-password=***') | Should -BeTrue
            $text.Contains('##vso[task.logissue type=error;code=') | Should -BeTrue
            foreach ($canary in $canaries) {
                $at = $text.IndexOf($canary, [StringComparison]::Ordinal)
                if ($at -ge 0) { throw "Secret $canary leaked: ...$($text.Substring([Math]::Max(0, $at - 200), 250))" }
            }
        }
    }

    Context 'batches' {
        It 'runs clusters in parallel up to -ThrottleLimit and emits one result per cluster' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            $env:FAKEDKP_RUNNING_DIR = Join-Path $dir 'running'
            $env:FAKEDKP_SLEEP_MS = '700'
            $results = 1..6 | ForEach-Object { [pscustomobject]@{ ClusterName = "batch-$_"; KubernetesVersion = '1.23'; AmiId = $Ami } } |
                New-DkpFipsCluster -DkpPath $Fake -ThrottleLimit 3 -LogDirectory $dir
            $results.Count | Should -Be 6
            ($results.ClusterName | Sort-Object) | Should -Be (1..6 | ForEach-Object { "batch-$_" })
            $results.Status | Should -Not -Contain 'Failed'
            $most = (1..6 | ForEach-Object { (Read-Record (Join-Path $dir "batch-$_.json")).runningAtStart } | Measure-Object -Maximum).Maximum
            $most | Should -BeGreaterThan 1
            $most | Should -BeLessOrEqual 3
        }

        It 'refuses a cluster name given twice before anything runs, and runs the rest' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            $results = 'dup', 'ok', 'dup' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -ErrorVariable errs -ErrorAction SilentlyContinue
            $results.ClusterName | Should -Be 'ok'
            $errs.FullyQualifiedErrorId | Should -Be 'DuplicateClusterName,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            Join-Path $dir 'dup.json' | Should -Not -Exist
        }

        It 'runs nothing when a row is invalid and -ErrorAction is Stop' {
            $dir = New-TestDirectory
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            { 'good-1', 'BAD', 'good-2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -LogDirectory $dir -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidClusterName,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            Get-ChildItem $dir -Filter *.json | Should -BeNullOrEmpty
        }

        It 'stops the clusters still running when a failure meets -ErrorAction Stop, and journals them' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'journal.jsonl'
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            $env:FAKEDKP_HANG_CLUSTERS = 'slow-1,slow-2'
            $env:FAKEDKP_FAIL_CLUSTERS = 'fails'
            $rows = 'slow-1', 'slow-2', 'fails' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } }
            { $rows | New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -ThrottleLimit 3 -JournalPath $journal -LogDirectory $dir -ErrorAction Stop } |
                Should -Throw -ErrorId 'DkpFailed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $records = Get-Content $journal | ConvertFrom-Json
            ($records | Sort-Object name | ForEach-Object { "$($_.name)=$($_.status)" }) | Should -Be @('fails=Failed', 'slow-1=Cancelled', 'slow-2=Cancelled')
            # Under load the failure can stop a hung dkp before it has written its record (so
            # before it could leave anything behind); every one that did record must be gone.
            $recorded = @('slow-1', 'slow-2' | ForEach-Object { Join-Path $dir "$_.json" } | Where-Object { Test-Path $_ })
            $recorded | ForEach-Object { Test-ProcessAlive (Read-Record $_).pid | Should -BeFalse }
        }

        It 'keeps a valid journal when the PowerShell process is killed mid-batch, and -Resume skips what succeeded' {
            $dir = New-TestDirectory
            $journal = Join-Path $dir 'journal.jsonl'
            $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
            $env:FAKEDKP_HANG_CLUSTERS = 'k3'
            $script = "Import-Module '$ModuleManifest'; 'k1','k2','k3','k4' | ForEach-Object { [pscustomobject]@{ ClusterName = `$_ } } | New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath '$Fake' -ThrottleLimit 1 -JournalPath '$journal' -LogDirectory '$dir'"
            $exe = [Environment]::ProcessPath
            $start = [Diagnostics.ProcessStartInfo]::new($exe)
            if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            '-NoProfile', '-NonInteractive', '-Command', $script | ForEach-Object { $start.ArgumentList.Add($_) }
            $start.RedirectStandardOutput = $true
            $pwsh = [Diagnostics.Process]::Start($start)
            try {
                Wait-Until { Test-Path (Join-Path $dir 'k3.json') } -Seconds 60
                $pwsh.Kill($true)
                $pwsh.WaitForExit()
            }
            finally { if (-not $pwsh.HasExited) { $pwsh.Kill($true) } }
            $lines = Get-Content $journal
            $lines | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw }
            ($lines | ConvertFrom-Json).name | Should -Be @('k1', 'k2')

            Remove-Item env:FAKEDKP_HANG_CLUSTERS
            Remove-Item (Join-Path $dir 'k1.json')
            $results = 'k1', 'k2', 'k3', 'k4' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -JournalPath $journal -Resume -LogDirectory $dir
            ($results | Sort-Object ClusterName).Status | Should -Be @('Skipped', 'Skipped', 'Succeeded', 'Succeeded')
            Join-Path $dir 'k1.json' | Should -Not -Exist
            (Get-Content $journal | ConvertFrom-Json | Where-Object status -EQ 'Succeeded').name | Sort-Object | Should -Be @('k1', 'k2', 'k3', 'k4')
        }

        It 'needs -JournalPath for -Resume' {
            { New-DkpFipsCluster -ClusterName a -KubernetesVersion 1.23 -AmiId $Ami -Resume -ErrorAction Stop } |
                Should -Throw -ErrorId 'ResumeNeedsJournal,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
        }
    }

    Context '-DryRun' {
        It 'verifies every FIPS field of the Cluster API manifests' {
            $result = New-DkpFipsCluster -ClusterName dry -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -DryRun -LogDirectory (New-TestDirectory)
            $result.Status | Should -Be 'Succeeded'
            $result.Plan.Arguments | Should -Contain '--dry-run'
            $result.Checks.Count | Should -Be 7
            $result.Checks.Passed | Should -Not -Contain $false
            $result.Checks.Field | Should -Contain 'spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.imageTag'
            "$($result.Checks[0])" | Should -BeLike "Passed KubeadmControlPlane 'dry-*' spec.version = v1.23.7+fips.0"
        }

        It 'reports a wrong <Wrong> as an error naming the object and field' -ForEach @(
            @{ Wrong = 'version'; Kind = 'KubeadmControlPlane'; Field = 'spec.version' }
            @{ Wrong = 'etcdImageRepository'; Kind = 'KubeadmControlPlane'; Field = 'spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.imageRepository' }
            @{ Wrong = 'machineDeploymentVersion'; Kind = 'MachineDeployment'; Field = 'spec.template.spec.version' }
            @{ Wrong = 'ami'; Kind = 'AWSMachineTemplate'; Field = 'spec.template.spec.ami.id' }
        ) {
            $env:FAKEDKP_YAML_WRONG = $Wrong
            $result = New-DkpFipsCluster -ClusterName dry -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -DryRun -LogDirectory (New-TestDirectory) -ErrorVariable errs -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'Failed'
            $errs[0].FullyQualifiedErrorId | Should -Be 'DryRunCheckFailed,DkpFips.Cmdlets.NewDkpFipsClusterCommand'
            $errs[0].Exception.Message | Should -BeLike "*$Kind*$Field*"
            "$(@($result.Checks | Where-Object { -not $_.Passed })[0])" | Should -BeLike "Failed $Kind '*' $Field*expected*"
        }
    }

    Context 'Azure DevOps (TF_BUILD)' {
        It 'wraps each cluster''s output in a group and writes errors as logging commands' {
            $env:TF_BUILD = 'True'
            $env:FAKEDKP_FAIL_CLUSTERS = 'ado-2'
            $info = 'ado-1', 'ado-2' | ForEach-Object { [pscustomobject]@{ ClusterName = $_ } } |
                New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -ThrottleLimit 1 -LogDirectory (New-TestDirectory) -ErrorAction SilentlyContinue 6>&1 |
                Where-Object { $_ -is [Management.Automation.InformationRecord] } | ForEach-Object { "$_" }
            $info | Should -Contain '##[group]dkp create cluster ado-1: Succeeded'
            ($info | Where-Object { $_ -eq '##[endgroup]' }).Count | Should -Be 2
            $info | Where-Object { $_ -like '##vso`[task.logissue type=error;code=*`]*ado-2*exit code 1*' } | Should -HaveCount 1
        }

        It 'with -SetPipelineVariable sets the kubeconfig dkp wrote as an output variable' {
            $env:TF_BUILD = 'True'
            $dir = New-TestDirectory
            Push-Location $dir
            try {
                $all = New-DkpFipsCluster -ClusterName self-1 -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Fake -ArgumentList '--self-managed' -LogDirectory $dir -SetPipelineVariable 6>&1
            }
            finally { Pop-Location }
            $result = $all | Where-Object { $_ -is [DkpFips.ClusterCreateResult] }
            $result.KubeconfigPath | Should -Be (Join-Path $dir 'self-1.conf')
            "$($all | Where-Object { $_ -is [Management.Automation.InformationRecord] })" | Should -BeLike "*##vso``[task.setvariable variable=kubeconfig_self_1;isOutput=true``]$(Join-Path $dir 'self-1.conf')*"
        }
    }

    Context 'help' {
        It 'documents every parameter with a yaml block that matches its metadata' {
            $doc = Get-Content -Raw (Join-Path $RepoRoot 'docs/New-DkpFipsCluster.md')
            $command = Get-Command New-DkpFipsCluster
            $common = [Management.Automation.Cmdlet]::CommonParameters + [Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common) {
                $attribute = $parameter.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] } | Select-Object -First 1
                $pipeline = @(if ($attribute.ValueFromPipelineByPropertyName -and $attribute.ValueFromPipeline) { 'True (ByPropertyName, ByValue)' }
                    elseif ($attribute.ValueFromPipeline) { 'True (ByValue)' } elseif ($attribute.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' })[0]
                $pattern = "(?s)### -$($parameter.Name)\r?\n.*?``````yaml\r?\nType: $([regex]::Escape($parameter.ParameterType.Name))\r?\n.*?Required: $($attribute.Mandatory)\r?\n.*?Accept pipeline input: $([regex]::Escape($pipeline))\r?\n"
                $doc | Should -Match $pattern -Because "-$($parameter.Name) must be documented as $($parameter.ParameterType.Name), pipeline $pipeline"
            }
            $command.HelpUri | Should -Be 'https://github.com/dkpfips/DkpFips/blob/main/docs/New-DkpFipsCluster.md'
            $command.OutputType.Type | Should -Contain ([DkpFips.ClusterCreateResult])
            $command.OutputType.Type | Should -Contain ([DkpFips.ClusterPlan])
        }

        It 'has default table views that fit 120 columns' {
            $plan = New-DkpFipsCluster -ClusterName a-very-long-cluster-name-to-fill-the-column -KubernetesVersion 1.23 -AmiId $Ami -PlanOnly
            $lines = $plan | Format-Table | Out-String -Width 120 -Stream | Where-Object { $_ }
            $lines[0] | Should -Match '^ClusterName\s+Provider\s+KubernetesVersion\s+EtcdVersion\s+MachineImage\s+ImageRepository'
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        }
    }
}
