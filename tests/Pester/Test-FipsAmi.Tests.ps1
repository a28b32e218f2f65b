BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Ec2 = Start-FakeEc2
    $script:Secret = 'CANARY-SECRET-9f3a77e1c0b2'
    $script:Token = 'CANARY-TOKEN-51d0c6a2b8e4'
    $script:Aws = @{ EndpointUrl = $Ec2.Url; AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' $Secret) }

    # Fixture ids served by tests/DkpFips.FakeEc2 (Fixtures.cs).
    $script:Ami = @{
        KibFipsOldTag = 'ami-0f1a2b3c4d5e60001'; KibFipsNewTag = 'ami-0f1a2b3c4d5e60002'; KibNonFips = 'ami-0f1a2b3c4d5e60003'
        Pending = 'ami-0f1a2b3c4d5e60004'; Deregistered = 'ami-0f1a2b3c4d5e60005'; Deprecated = 'ami-0f1a2b3c4d5e60006'
        RhelBase = 'ami-0b0af3577fe5e3532'; Ubuntu = 'ami-0c7217cdde317cfec'; Windows = 'ami-0f9c44e98edf38a2b'
        CentOs = 'ami-1a2b3c4d'; Unknown = 'ami-0123456789abcdef0'
    }
}

AfterAll {
    Stop-FakeEc2 $Ec2
}

Describe 'Test-FipsAmi' {
    BeforeEach { Reset-FakeEc2 $Ec2 }

    Context 'verdicts' {
        It 'passes a KIB FIPS image of the expected build, with every check' {
            $r = Test-FipsAmi -ImageId $Ami.KibFipsOldTag -Region us-east-1 -KubernetesVersion 1.23.7+fips.0 @Aws
            $r | Should -BeOfType ([DkpFips.FipsAmiReport])
            $r.IsFipsReady | Should -BeTrue
            $r.Verdict | Should -Be 'Ready'
            $r.Reason | Should -Be ''
            $r.ImageId | Should -Be $Ami.KibFipsOldTag
            $r.Region | Should -Be 'us-east-1'
            $r.Name | Should -Be 'konvoy-ami-rhel-8.4-fips-1.23.7-fips.0-1656000000'
            $r.OwnerId | Should -Be '123456789012'
            $r.State | Should -Be 'available'
            $r.OperatingSystem | Should -Be 'RHEL 8.4'
            $r.KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            $r.Checks.Name | Should -Be @('Exists', 'State', 'Architecture', 'OperatingSystem', 'FipsBuild', 'ExpectedBuild', 'Deprecation', 'Ownership')
            $r.Checks.Status | Should -Be @('Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed')
        }

        It 'reads both forms of the kubernetes_version tag' {
            (Test-FipsAmi $Ami.KibFipsOldTag us-east-1 @Aws).KubernetesVersion | Should -Be 'v1.23.7+fips.0'
            (Test-FipsAmi $Ami.KibFipsNewTag us-east-1 @Aws).KubernetesVersion | Should -Be 'v1.25.4+fips.0'
        }

        It 'fails each unfit image with its first reason, in input order, in one call' {
            $ids = $Ami.RhelBase, $Ami.KibNonFips, $Ami.Ubuntu, $Ami.Windows, $Ami.Pending, $Ami.Deregistered, $Ami.CentOs
            $r = Test-FipsAmi -ImageId $ids -Region us-east-1 @Aws
            $r.ImageId | Should -Be $ids
            $r.IsFipsReady | Should -Be @($false, $false, $false, $false, $false, $false, $true)
            $r[0].Reason | Should -BeLike 'FipsBuild: No KIB kubernetes_version tag*'
            $r[1].Reason | Should -BeLike "FipsBuild: Kubernetes v1.23.7 from the kubernetes_version tag (1.23.7) has no +fips build marker*"
            $r[2].Reason | Should -BeLike 'OperatingSystem: Ubuntu 22.04 (from the name) has no DKP FIPS build*'
            $r[3].Reason | Should -BeLike 'OperatingSystem: Windows* has no DKP FIPS build*'
            $r[4].Reason | Should -BeLike 'State: The image is pending*'
            $r[5].Reason | Should -BeLike 'State: The image is deregistered*'
            $r[6].OperatingSystem | Should -Be 'CentOS 7.9'
            $r[0..5].Verdict | Should -Be (@('NOT READY') * 6)
            Get-FakeEc2Calls $Ec2 | Should -HaveCount 1
        }

        It 'names both versions when the image carries another build than expected' {
            $r = Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -KubernetesVersion v1.24.6+fips.0 @Aws
            $r.IsFipsReady | Should -BeFalse
            $r.Reason | Should -Be 'ExpectedBuild: The image carries Kubernetes v1.23.7+fips.0 but the cluster expects v1.24.6+fips.0: nodes from this image would fail to join.'
        }

        It 'takes the expected build from Get-FipsBuild through the pipeline' {
            (Get-FipsBuild -DkpVersion 2.3.1 | Test-FipsAmi -ImageId $Ami.KibFipsOldTag -Region us-east-1 @Aws).IsFipsReady | Should -BeTrue
            (Get-FipsBuild -DkpVersion 2.5 | Test-FipsAmi -ImageId $Ami.KibFipsOldTag -Region us-east-1 @Aws).Reason | Should -BeLike '*expects v1.25.4+fips.0*'
            (Test-FipsAmi $Ami.KibFipsNewTag us-east-1 -FipsBuild (Get-FipsBuild -DkpVersion 2.5) @Aws).IsFipsReady | Should -BeTrue
        }

        It 'warns about a deprecated image but still calls it ready' {
            $r = Test-FipsAmi $Ami.Deprecated us-east-1 @Aws
            $r.IsFipsReady | Should -BeTrue
            $r.Verdict | Should -Be 'Ready*'
            $r.Reason | Should -BeLike 'Deprecation: The image has been deprecated since 2023-01-01*'
            $r.DeprecationTime | Should -Be '2023-01-01T00:00:00Z'
        }

        It 'reports an unknown image as a failed Exists check, not an error' {
            $r = Test-FipsAmi $Ami.Unknown, $Ami.KibFipsNewTag us-east-1 @Aws -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $r[0].IsFipsReady | Should -BeFalse
            $r[0].Reason | Should -Be "Exists: $($Ami.Unknown) does not exist in us-east-1, or is not shared with this account (InvalidAMIID.NotFound)."
            ($r[0].Checks | Where-Object Status -EQ 'Skipped') | Should -HaveCount 7
            $r[1].IsFipsReady | Should -BeTrue
        }

        It '-Quiet returns only $true or $false per image' {
            $r = Test-FipsAmi $Ami.KibFipsOldTag, $Ami.Ubuntu, $Ami.Unknown us-east-1 -Quiet @Aws
            $r | Should -Be @($true, $false, $false)
            $r | ForEach-Object { $_ | Should -BeOfType ([bool]) }
        }
    }

    Context 'signing' {
        It 'signs with the secret key given as <How> (the endpoint verifies the SigV4 signature)' -ForEach @(
            @{ How = 'a SecureString'; AsSecure = $true }, @{ How = 'plain text'; AsSecure = $false }
        ) {
            $key = if ($AsSecure) { ConvertTo-SecureString $Secret -AsPlainText -Force } else { $Secret }
            (Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential 'AKIDSIGNED0000000001' $key) -SessionToken $Token -Quiet) | Should -BeTrue
            $call = Get-FakeEc2Calls $Ec2
            $call.SignatureValid | Should -BeTrue
            $call.HasSessionToken | Should -BeTrue
        }

        It 'reports a wrong secret key as AwsAuthFailure' {
            $null = Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential 'AKIDSIGNED0000000001' 'wrong') -ErrorVariable errs -ErrorAction SilentlyContinue
            (Get-FakeEc2Calls $Ec2)[0].SignatureValid | Should -BeFalse
            $errs[0].FullyQualifiedErrorId | Should -Be 'AwsAuthFailure,DkpFips.Cmdlets.TestFipsAmiCommand'
        }
    }

    Context 'pipeline input' {
        It 'binds ImageId, AmiId and Region by property name, batching per region' {
            $rows = @(
                [pscustomobject]@{ AmiId = $Ami.KibFipsOldTag; Region = 'us-west-2' }
                [pscustomobject]@{ ImageId = $Ami.KibFipsNewTag; Region = 'eu-west-1' }
                [pscustomobject]@{ AmiId = $Ami.KibFipsNewTag; Region = 'us-west-2' }
            )
            $r = $rows | Test-FipsAmi @Aws
            $r.ImageId | Should -Be @($Ami.KibFipsOldTag, $Ami.KibFipsNewTag, $Ami.KibFipsNewTag)
            $r.Region | Should -Be @('us-west-2', 'eu-west-1', 'us-west-2')
            $r.IsFipsReady | Should -Be @($true, $true, $true)
            $calls = Get-FakeEc2Calls $Ec2
            $calls | Should -HaveCount 2
            ($calls | Where-Object Region -EQ 'us-west-2').ImageIds | Should -Be @($Ami.KibFipsOldTag, $Ami.KibFipsNewTag)
        }

        It 'takes CSV rows with a KubernetesVersion per image' {
            $csv = @('ImageId,Region,KubernetesVersion', "$($Ami.KibFipsOldTag),us-east-1,1.23.7+fips.0", "$($Ami.KibFipsNewTag),us-east-1,1.23.7+fips.0") | ConvertFrom-Csv
            ($csv | Test-FipsAmi @Aws).IsFipsReady | Should -Be @($true, $false)
        }

        It 'tests an image once per region and expected build, whatever the case of the region' {
            $r = Test-FipsAmi $Ami.KibFipsOldTag, $Ami.KibFipsOldTag -Region US-East-1 @Aws
            $r | Should -HaveCount 1
            $r.Region | Should -Be 'us-east-1'
            (Get-FakeEc2Calls $Ec2).ImageIds | Should -Be @($Ami.KibFipsOldTag)
        }

        It 'takes ids by value' {
            ($Ami.KibFipsOldTag, $Ami.KibFipsNewTag | Test-FipsAmi -Region us-east-1 -Quiet @Aws) | Should -Be @($true, $true)
        }
    }

    Context 'bad input' {
        It 'refuses an id that is not an AMI id, saying what is expected, and calls nothing' -ForEach @(
            @{ Id = 'ami-xyz' }, @{ Id = 'i-0123456789abcdef0' }, @{ Id = 'ami-0123456789ABCDEF0' }, @{ Id = 'ami-123456789' }
        ) {
            { Test-FipsAmi -ImageId $Id -Region us-east-1 @Aws } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DkpFips.Cmdlets.TestFipsAmiCommand' -ExpectedMessage "*'$Id' is not an AMI id: expected 'ami-' followed by 8 or 17 lowercase hexadecimal digits*"
            Get-FakeEc2Calls $Ec2 | Should -HaveCount 0
        }

        It 'rejects a malformed expected version with InvalidKubernetesVersion' {
            $null = Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -KubernetesVersion latest @Aws -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidKubernetesVersion,DkpFips.Cmdlets.TestFipsAmiCommand'
        }

        It 'refuses an access key without its secret key, and a session token without credentials' {
            $noSecret = [pscredential]::new('AKIDEXAMPLE000000001', [securestring]::new())
            { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -AwsCredential $noSecret -EndpointUrl $Ec2.Url } |
                Should -Throw -ErrorId 'AwsConfigurationInvalid,DkpFips.Cmdlets.TestFipsAmiCommand'
            { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -SessionToken $Token -EndpointUrl $Ec2.Url } |
                Should -Throw -ErrorId 'AwsConfigurationInvalid,DkpFips.Cmdlets.TestFipsAmiCommand'
        }

        It 'takes AWS credentials as -AwsCredential only, like the other AWS cmdlets' {
            $command = Get-Command Test-FipsAmi
            $command.Parameters.Keys | Should -Not -Contain 'AccessKey'
            $command.Parameters.Keys | Should -Not -Contain 'SecretKey'
            foreach ($name in 'New-FipsAmi', 'Test-FipsAmi', 'New-DkpFipsCluster', 'Update-DkpFipsCluster') {
                (Get-Command $name).Parameters['AwsCredential'].ParameterType | Should -Be ([pscredential])
            }
        }

        It 'refuses an endpoint that is not an http(s) URL' {
            { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 @Aws -EndpointUrl 'ftp://example' } | Should -Throw -ErrorId 'AwsConfigurationInvalid,DkpFips.Cmdlets.TestFipsAmiCommand'
        }
    }

    Context 'API failures' {
        It 'maps <Key> to <ErrorId> (<Category>)' -ForEach @(
            @{ Key = 'AKIDAUTHFAILURE00001'; ErrorId = 'AwsAuthFailure'; Category = 'PermissionDenied'; Message = '*rejected the credentials (AuthFailure)*ec2:DescribeImages*' }
            @{ Key = 'AKIDUNAUTHORIZED0001'; ErrorId = 'AwsUnauthorized'; Category = 'PermissionDenied'; Message = '*(UnauthorizedOperation): grant the ec2:DescribeImages permission*' }
            @{ Key = 'AKIDTHROTTLED0000001'; ErrorId = 'AwsThrottled'; Category = 'LimitsExceeded'; Message = '*throttled DescribeImages (RequestLimitExceeded)*' }
        ) {
            $out = Test-FipsAmi $Ami.KibFipsOldTag, $Ami.Ubuntu us-east-1 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential $Key $Secret) -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be "$ErrorId,DkpFips.Cmdlets.TestFipsAmiCommand"
            $errs[0].CategoryInfo.Category | Should -Be $Category
            $errs[0].Exception.Message | Should -BeLike $Message
            $errs[0].Exception.Message | Should -BeLike "*Images not tested: $($Ami.KibFipsOldTag), $($Ami.Ubuntu)."
            $errs[0].TargetObject | Should -Be 'us-east-1'
        }

        It 'lets the SDK retry throttling (standard mode: 3 attempts) before reporting it' {
            $null = Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential 'AKIDTHROTTLED0000001' $Secret) -ErrorAction SilentlyContinue
            Get-FakeEc2Calls $Ec2 | Should -HaveCount 3
        }

        It 'honours -ErrorAction Stop for API failures' {
            { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url -AwsCredential (New-TestAwsCredential 'AKIDAUTHFAILURE00001' $Secret) -ErrorAction Stop } |
                Should -Throw -ErrorId 'AwsAuthFailure,DkpFips.Cmdlets.TestFipsAmiCommand'
        }

        It 'reports a dead endpoint as a ConnectionError naming it' {
            $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
            $null = Test-FipsAmi $Ami.KibFipsOldTag us-east-1 @Aws -EndpointUrl "http://127.0.0.1:$port/" -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'AwsEndpointUnreachable,DkpFips.Cmdlets.TestFipsAmiCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $errs[0].Exception.Message | Should -BeLike "The EC2 endpoint http://127.0.0.1:$port/ for us-east-1 cannot be reached*"
        }

        It 'reports a bad region and still tests the other regions' {
            $rows = [pscustomobject]@{ ImageId = $Ami.KibFipsOldTag; Region = 'us-east-1' }, [pscustomobject]@{ ImageId = $Ami.KibFipsOldTag; Region = 'mars-1' }
            $r = $rows | Test-FipsAmi @Aws -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.Region | Should -Be 'us-east-1'
            $errs[0].FullyQualifiedErrorId | Should -Be 'AwsRegionInvalid,DkpFips.Cmdlets.TestFipsAmiCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike "'mars-1' is not an AWS region name*"
        }
    }

    Context 'credentials, region and endpoint resolution (fresh process each)' {
        BeforeAll {
            $script:Import = "Import-Module '$ModuleManifest'"
            $script:NoAws = @{
                AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null
                AWS_REGION = $null; AWS_DEFAULT_REGION = $null; AWS_USE_FIPS_ENDPOINT = $null
                AWS_SHARED_CREDENTIALS_FILE = (Join-Path $TestDrive 'none-credentials'); AWS_CONFIG_FILE = (Join-Path $TestDrive 'none-config')
                AWS_EC2_METADATA_DISABLED = 'true'
            }
        }

        It 'takes credentials and region from the environment' {
            $envs = $NoAws.Clone()
            $envs.AWS_ACCESS_KEY_ID = 'AKIDSIGNED0000000001'; $envs.AWS_SECRET_ACCESS_KEY = $Secret; $envs.AWS_SESSION_TOKEN = $Token; $envs.AWS_DEFAULT_REGION = 'eu-west-1'
            $r = Invoke-FreshPwsh "$Import; (Test-FipsAmi $($Ami.KibFipsNewTag) -EndpointUrl '$($Ec2.Url)').Region" -Environment $envs
            $r.Output | Should -Be 'eu-west-1'
            $call = Get-FakeEc2Calls $Ec2
            $call.AccessKeyId | Should -Be 'AKIDSIGNED0000000001'
            $call.SignatureValid | Should -BeTrue
            $call.HasSessionToken | Should -BeTrue
            $call.Region | Should -Be 'eu-west-1'
        }

        It 'takes credentials and region from a profile of the shared files (<How>)' -ForEach @(
            @{ How = '-ProfileName'; Arg = '-ProfileName ci'; Profile = $null }
            @{ How = 'AWS_PROFILE'; Arg = ''; Profile = 'ci' }
        ) {
            $credentials = Join-Path $TestDrive 'credentials'
            $config = Join-Path $TestDrive 'config'
            Set-Content $credentials "[default]`naws_access_key_id = AKIDDEFAULTPROFILE01`naws_secret_access_key = $Secret`n[ci]`naws_access_key_id = AKIDCIPROFILE0000001`naws_secret_access_key = $Secret`n"
            Set-Content $config "[profile ci]`nregion = ap-southeast-2`n"
            $envs = $NoAws.Clone()
            $envs.AWS_SHARED_CREDENTIALS_FILE = $credentials; $envs.AWS_CONFIG_FILE = $config; $envs.AWS_PROFILE = $Profile
            $r = Invoke-FreshPwsh "$Import; (Test-FipsAmi $($Ami.KibFipsNewTag) $Arg -EndpointUrl '$($Ec2.Url)').Region" -Environment $envs
            $r.Output | Should -Be 'ap-southeast-2'
            (Get-FakeEc2Calls $Ec2).AccessKeyId | Should -Be 'AKIDCIPROFILE0000001'
        }

        It 'says clearly when a named profile does not exist' {
            $r = Invoke-FreshPwsh "$Import; try { Test-FipsAmi $($Ami.KibFipsNewTag) us-east-1 -ProfileName nope -EndpointUrl '$($Ec2.Url)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `$_.Exception.Message }" -Environment $NoAws
            $r.Output[0] | Should -Be 'AwsCredentialsNotFound,DkpFips.Cmdlets.TestFipsAmiCommand'
            $r.Output[1] | Should -Be 'AuthenticationError'
            $r.Output[2] | Should -BeLike "The AWS profile 'nope' was not found*"
        }

        It 'says clearly when no credentials can be found' {
            $r = Invoke-FreshPwsh "$Import; Test-FipsAmi $($Ami.KibFipsNewTag) us-east-1 -EndpointUrl '$($Ec2.Url)' -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId; `$e[0].CategoryInfo.Category" -Environment $NoAws
            $r.Output | Should -Be @('AwsCredentialsNotFound,DkpFips.Cmdlets.TestFipsAmiCommand', 'AuthenticationError')
        }

        It 'stops with AwsRegionMissing when nothing names a region' {
            $r = Invoke-FreshPwsh "$Import; try { Test-FipsAmi $($Ami.KibFipsNewTag) -AwsCredential ([pscredential]::new('AKIDEXAMPLE000000001', (ConvertTo-SecureString 'x' -AsPlainText -Force))) -EndpointUrl '$($Ec2.Url)' } catch { `$_.FullyQualifiedErrorId }" -Environment $NoAws
            $r.Output | Should -Be 'AwsRegionMissing,DkpFips.Cmdlets.TestFipsAmiCommand'
        }

        It 'uses the EC2 FIPS endpoint with <How>' -ForEach @(
            @{ How = '-UseFipsEndpoint'; Arg = '-UseFipsEndpoint'; Fips = $null }
            @{ How = 'AWS_USE_FIPS_ENDPOINT=true'; Arg = ''; Fips = 'true' }
        ) {
            # No network here: the call fails, and the error names the endpoint it went to.
            $envs = $NoAws.Clone(); $envs.AWS_USE_FIPS_ENDPOINT = $Fips
            $r = Invoke-FreshPwsh "$Import; Test-FipsAmi $($Ami.KibFipsNewTag) us-east-1 $Arg -AwsCredential ([pscredential]::new('AKIDEXAMPLE000000001', (ConvertTo-SecureString 'x' -AsPlainText -Force))) -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].Exception.Message" -Environment $envs
            $r.Output -join "`n" | Should -Match 'https://ec2-fips\.us-east-1\.amazonaws\.com/'
        }

        It 'lets AWS_ENDPOINT_URL_EC2 win over -UseFipsEndpoint, with a warning, instead of failing' {
            $envs = $NoAws.Clone(); $envs.AWS_ENDPOINT_URL_EC2 = $Ec2.Url
            $r = Invoke-FreshPwsh "$Import; `$r = Test-FipsAmi $($Ami.KibFipsOldTag) us-east-1 -UseFipsEndpoint -AwsCredential ([pscredential]::new('AKIDEXAMPLE000000001', (ConvertTo-SecureString 'x' -AsPlainText -Force))) -WarningVariable w -WarningAction SilentlyContinue; `$r.IsFipsReady; `$w[0].Message" -Environment $envs
            $r.Output[0] | Should -Be 'True'
            $r.Output[1] | Should -BeLike "AWS_ENDPOINT_URL_EC2 names the EC2 endpoint ($($Ec2.Url)), so the SDK's FIPS endpoints are not used*"
        }
    }

    Context 'cancellation' {
        It 'stops the calls in flight when the pipeline is stopped (Ctrl+C)' {
            $slow = Start-FakeEc2 -LatencyMs 60000
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModuleManifest'; Test-FipsAmi $($Ami.KibFipsOldTag) us-east-1 -EndpointUrl '$($slow.Url)' -AwsCredential ([pscredential]::new('AKIDEXAMPLE000000001', (ConvertTo-SecureString 'x' -AsPlainText -Force)))")
                $async = $ps.BeginInvoke()
                # Wait (bounded) until the endpoint holds the call, then stop the pipeline as Ctrl+C does.
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (@(Get-FakeEc2Calls $slow).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { $null = $async.AsyncWaitHandle.WaitOne(50) }
                Get-FakeEc2Calls $slow | Should -HaveCount 1
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally {
                $ps.Dispose()
                Stop-FakeEc2 $slow
            }
        }
    }

    Context 'secrets' {
        It 'never shows the secret key or session token in output, streams or error records' {
            $common = @{ AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' (ConvertTo-SecureString $Secret -AsPlainText -Force)); SessionToken = $Token; Verbose = $true; Debug = $true; ErrorAction = 'Continue' }
            $seen = [Collections.Generic.List[string]]::new()
            $runs = @(
                { Test-FipsAmi $Ami.KibFipsOldTag, $Ami.Unknown us-east-1 -EndpointUrl $Ec2.Url @common }
                { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url @common -Quiet }
                { $c = $common.Clone(); $c.AwsCredential = New-TestAwsCredential 'AKIDAUTHFAILURE00001' $Secret; Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl $Ec2.Url @c }
                { Test-FipsAmi $Ami.KibFipsOldTag us-east-1 -EndpointUrl 'http://127.0.0.1:1/' @common }
                { Test-FipsAmi $Ami.KibFipsOldTag 'bad region' -EndpointUrl $Ec2.Url @common }
            )
            foreach ($run in $runs) {
                $DebugPreference = 'Continue'
                $all = & $run *>&1
                foreach ($item in $all) {
                    $seen.Add(($item | Out-String -Width 500))
                    if ($item -is [Management.Automation.ErrorRecord]) {
                        $seen.Add($item.Exception.ToString()); $seen.Add("$($item.TargetObject)"); $seen.Add("$($item.ErrorDetails)")
                        $seen.Add(($item | Format-List * -Force | Out-String -Width 500))
                    }
                    elseif ($item -is [DkpFips.FipsAmiReport]) { $seen.Add(($item | ConvertTo-Json -Depth 5)) }
                }
            }
            $text = $seen -join "`n"
            $text | Should -Match 'AuthFailure'
            $text | Should -Match 'VERBOSE|DescribeImages call'
            $text | Should -Not -Match 'CANARY'
        }
    }

    Context 'presentation and completion' {
        It 'shows the verdict and the first failing reason in a table that fits 120 columns' {
            $text = Test-FipsAmi $Ami.KibFipsOldTag, $Ami.Ubuntu us-east-1 @Aws | Out-String -Width 120
            $lines = $text -split "`r?`n" | Where-Object { $_ }
            $lines[0] | Should -Match '^ImageId\s+Region\s+Verdict\s+OperatingSystem\s+KubernetesVersion\s+Reason$'
            $lines[2] | Should -Match "^$($Ami.KibFipsOldTag)\s+us-east-1\s+Ready\s+RHEL 8.4\s+v1.23.7\+fips.0\s*$"
            $lines[3] | Should -Match "^$($Ami.Ubuntu)\s+us-east-1\s+NOT READY\s+Ubuntu 22.04\s+OperatingSystem: Ubuntu"
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        }

        It 'lists the checks as a table' {
            $text = (Test-FipsAmi $Ami.Ubuntu us-east-1 @Aws).Checks | Out-String -Width 120
            $text | Should -Match 'Failed\s+OperatingSystem\s+Ubuntu 22.04'
        }

        It 'completes -Region from the SDK region list' {
            $line = 'Test-FipsAmi -Region us-ea'
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Contain 'us-east-1'
            $result.CompletionMatches.CompletionText | Should -Contain 'us-east-2'
            ($result.CompletionMatches | Where-Object CompletionText -EQ 'us-east-1').ToolTip | Should -Be 'US East (N. Virginia)'
        }

        It 'has help metadata' {
            $command = Get-Command Test-FipsAmi
            $command.HelpUri | Should -Be 'https://github.com/dkpfips/DkpFips/blob/main/docs/Test-FipsAmi.md'
            $command.OutputType.Name | Should -Contain 'DkpFips.FipsAmiReport'
            Join-Path $RepoRoot 'docs/Test-FipsAmi.md' | Should -Exist
        }
    }
}
