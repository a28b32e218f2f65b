# -AwsCredential, -SessionToken and -ProfileName on the cmdlets that run AWS tools, through the
# assembled module and the real child-process doubles: FakeDkp (New- and Update-DkpFipsCluster)
# and FakeKib (New-FipsAmi) record the AWS variables they were started with, and print them when
# asked (a careless tool in debug mode), so a test sees exactly what the tool saw and can scan
# everything the run produced for the token.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $exe = if ($IsWindows) { '.exe' } else { '' }
    $script:Dkp = Join-Path $RepoRoot "out/bin/FakeDkp/Release/net10.0/FakeDkp$exe"
    $script:Kib = Join-Path $RepoRoot "out/bin/FakeKib/Release/net10.0/FakeKib$exe"
    $script:Ami = 'ami-03dcaa75d45aca36f'
    $script:KeyId = 'ASIATEMPEXAMPLE00001'
    $script:Secret = 'CANARY-secret-temp-8e1b0f'
    $script:Token = 'CANARY-TOKEN-IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH'
    $script:AwsVariables = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE',
        'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'AWS_SECURITY_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'

    function New-TestDirectory {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $path
        $path
    }

    function Read-Record([string] $Path) { Get-Content -Raw -LiteralPath $Path | ConvertFrom-Json }

    function Set-SessionVariable([string] $Name, $Value) {
        # Through env:, so that $null unsets the variable for native children too.
        if ($null -eq $Value) { Remove-Item -LiteralPath "env:$Name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$Name" -Value $Value }
    }

    function New-TemporaryCredential { New-TestAwsCredential $KeyId $Secret }

    # Shared files with the profiles 'ci' and 'sso-admin', as this session's AWS configuration.
    function Use-SharedFiles {
        $dir = New-TestDirectory
        $config = Join-Path $dir 'config'
        $credentials = Join-Path $dir 'credentials'
        Set-Content -LiteralPath $config -Value "[profile ci]`nregion = eu-west-1`n`n[profile sso-admin]`nregion = us-west-2`nsso_start_url = https://example.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 111122223333`nsso_role_name = Admin`n"
        Set-Content -LiteralPath $credentials -Value "[ci]`naws_access_key_id = AKIDPROFILE000000001`naws_secret_access_key = profile-secret`n"
        Set-SessionVariable AWS_CONFIG_FILE $config
        Set-SessionVariable AWS_SHARED_CREDENTIALS_FILE $credentials
    }

    # Runs one of the three cmdlets against its double in a fresh folder; $Extra adds parameters.
    # Returns the folder (its record.json is what the tool saw; logs and the journal are there
    # too, and $LastDir names it even when the cmdlet throws); $Output holds every stream.
    function Invoke-Tool([string] $Name, [hashtable] $Extra = @{}, [switch] $Pipe) {
        $dir = New-TestDirectory
        $record = Join-Path $dir 'record.json'
        $env:FAKEDKP_RECORD = $record
        $env:FAKEKIB_RECORD = $record
        $splat = switch ($Name) {
            'New-DkpFipsCluster' { @{ ClusterName = 'aws-creds'; KubernetesVersion = '1.23'; AmiId = $Ami; DkpPath = $Dkp; LogDirectory = $dir; JournalPath = (Join-Path $dir 'journal.jsonl'); Confirm = $false } }
            'Update-DkpFipsCluster' { @{ ClusterName = 'aws-creds'; CurrentVersion = 'v1.21.6+fips.0'; KubernetesVersion = '1.22'; AmiId = $Ami; NodePool = 'aws-creds-md-0'; DkpPath = $Dkp; LogDirectory = $dir; Confirm = $false; WarningAction = 'SilentlyContinue' } }
            'New-FipsAmi' { @{ ImageDefinition = 'images/ami/rhel-84.yaml'; KubernetesVersion = '1.23'; Region = 'us-west-2'; KibPath = $Kib; WorkingDirectory = $dir; LogDirectory = $dir; Confirm = $false } }
        }
        foreach ($key in $Extra.Keys) { $splat[$key] = $Extra[$key] }
        $script:LastDir = $dir
        $script:Output = @()
        $script:Output = & $Name @splat *>&1
        $dir
    }

    function Get-ToolEnvironment([string] $Dir) { (Read-Record (Join-Path $Dir 'record.json')).env }
}

Describe 'AWS credentials for <Name>' -ForEach @(
    @{ Name = 'New-DkpFipsCluster'; Plan = 'DkpFips.ClusterPlan' }
    @{ Name = 'Update-DkpFipsCluster'; Plan = 'DkpFips.ClusterUpgradePlan' }
    @{ Name = 'New-FipsAmi'; Plan = 'DkpFips.FipsAmiPlan' }
) {
    BeforeEach {
        $script:saved = @{}
        foreach ($variable in $AwsVariables) { $saved[$variable] = [Environment]::GetEnvironmentVariable($variable); Set-SessionVariable $variable $null }
        # No shared files unless a test gives them: ~/.aws of the machine never takes part.
        Set-SessionVariable AWS_CONFIG_FILE (Join-Path $TestDrive 'no-config')
        Set-SessionVariable AWS_SHARED_CREDENTIALS_FILE (Join-Path $TestDrive 'no-credentials')
        $env:FAKEDKP_RECORD_ENV = $AwsVariables -join ','
        $env:FAKEKIB_RECORD_ENV = $AwsVariables -join ','
    }

    AfterEach {
        Get-ChildItem env:FAKEDKP_*, env:FAKEKIB_* | ForEach-Object { Remove-Item "env:$($_.Name)" }
        Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue
        foreach ($variable in $AwsVariables) { Set-SessionVariable $variable $saved[$variable] }
    }

    Context 'what the tool sees' {
        It 'passes temporary credentials: the key id, the secret and the session token' {
            $dir = Invoke-Tool $Name @{ AwsCredential = (New-TemporaryCredential); SessionToken = $Token }

            $seen = Get-ToolEnvironment $dir
            $seen.AWS_ACCESS_KEY_ID | Should -BeExactly $KeyId
            $seen.AWS_SECRET_ACCESS_KEY | Should -BeExactly $Secret
            $seen.AWS_SESSION_TOKEN | Should -BeExactly $Token
            $seen.AWS_PROFILE | Should -BeNullOrEmpty
            (Read-Record (Join-Path $dir 'record.json')).argv -join ' ' | Should -Not -BeLike '*CANARY*'
        }

        It 'takes the token as a SecureString too' {
            $dir = Invoke-Tool $Name @{ AwsCredential = (New-TemporaryCredential); SessionToken = (ConvertTo-SecureString $Token -AsPlainText -Force) }

            (Get-ToolEnvironment $dir).AWS_SESSION_TOKEN | Should -BeExactly $Token
        }

        It 'does not pair a session token inherited from the session with the keys of -AwsCredential' {
            Set-SessionVariable AWS_SESSION_TOKEN 'stale-token-of-another-role'
            Set-SessionVariable AWS_SECURITY_TOKEN 'stale-token-of-another-role'

            $dir = Invoke-Tool $Name @{ AwsCredential = (New-TemporaryCredential) }

            $seen = Get-ToolEnvironment $dir
            $seen.AWS_ACCESS_KEY_ID | Should -BeExactly $KeyId
            $seen.AWS_SESSION_TOKEN | Should -BeNullOrEmpty
            $seen.AWS_SECURITY_TOKEN | Should -BeNullOrEmpty
        }

        It 'passes -ProfileName as AWS_PROFILE, and keys inherited from the session cannot win over it' {
            Use-SharedFiles
            Set-SessionVariable AWS_ACCESS_KEY_ID 'AKIDINHERITED0000001'
            Set-SessionVariable AWS_SECRET_ACCESS_KEY 'inherited-secret'
            Set-SessionVariable AWS_SESSION_TOKEN 'inherited-token'
            Set-SessionVariable AWS_SECRET_KEY 'inherited-secret'
            Set-SessionVariable AWS_WEB_IDENTITY_TOKEN_FILE (Join-Path $TestDrive 'web-identity-token')
            Set-SessionVariable AWS_ROLE_ARN 'arn:aws:iam::111122223333:role/ci'

            $dir = Invoke-Tool $Name @{ ProfileName = 'sso-admin' }

            $seen = Get-ToolEnvironment $dir
            $seen.AWS_PROFILE | Should -BeExactly 'sso-admin'
            foreach ($variable in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECRET_KEY', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN') {
                $seen.$variable | Should -BeNullOrEmpty -Because "$variable would win over the profile"
            }
            # The shared files the profile lives in still reach the tool.
            $seen.AWS_CONFIG_FILE | Should -BeExactly $env:AWS_CONFIG_FILE
        }

        It 'lets -AwsCredential win over -ProfileName, as Test-FipsAmi does, and still names the profile' {
            Use-SharedFiles

            $dir = Invoke-Tool $Name @{ AwsCredential = (New-TemporaryCredential); SessionToken = $Token; ProfileName = 'ci' }

            $seen = Get-ToolEnvironment $dir
            $seen.AWS_ACCESS_KEY_ID | Should -BeExactly $KeyId
            $seen.AWS_SESSION_TOKEN | Should -BeExactly $Token
            $seen.AWS_PROFILE | Should -BeExactly 'ci'
        }

        It 'leaves the session''s AWS configuration alone when given none' {
            Set-SessionVariable AWS_ACCESS_KEY_ID 'AKIDINHERITED0000001'
            Set-SessionVariable AWS_SESSION_TOKEN 'inherited-token'
            Set-SessionVariable AWS_PROFILE 'inherited-profile'

            $dir = Invoke-Tool $Name

            $seen = Get-ToolEnvironment $dir
            $seen.AWS_ACCESS_KEY_ID | Should -BeExactly 'AKIDINHERITED0000001'
            $seen.AWS_SESSION_TOKEN | Should -BeExactly 'inherited-token'
            $seen.AWS_PROFILE | Should -BeExactly 'inherited-profile'
        }
    }

    Context 'plans name the source, never a value' {
        It 'says "<Source>" in the plan and the verbose stream' -ForEach @(
            @{ Given = 'token'; Source = '-AwsCredential with a session token' }
            @{ Given = 'credential'; Source = '-AwsCredential' }
            @{ Given = 'profile'; Source = "profile 'sso-admin'" }
            @{ Given = 'both'; Source = "-AwsCredential with a session token (profile 'ci' for the other settings)" }
            @{ Given = 'nothing'; Source = "this session's environment (AWS_* variables, AWS_PROFILE, the shared files or an instance role)" }
        ) {
            $extra = @{ PlanOnly = $true; Verbose = $true }
            switch ($Given) {
                'token' { $extra.AwsCredential = New-TemporaryCredential; $extra.SessionToken = $Token }
                'credential' { $extra.AwsCredential = New-TemporaryCredential }
                'profile' { $extra.ProfileName = 'sso-admin' }
                'both' { $extra.AwsCredential = New-TemporaryCredential; $extra.SessionToken = $Token; $extra.ProfileName = 'ci' }
            }

            $dir = Invoke-Tool $Name $extra
            $plan = $Output | Where-Object { $_ -is $Plan }
            $verbose = $Output | Where-Object { $_ -is [Management.Automation.VerboseRecord] }

            $plan.AwsCredentialSource | Should -BeExactly $Source
            $verbose.Message | Should -Contain "AWS credentials: $Source."
            Join-Path $dir 'record.json' | Should -Not -Exist
        }

        It 'plans with a profile the shared files lack (-PlanOnly runs nothing)' {
            $null = Invoke-Tool $Name @{ ProfileName = 'not-here'; PlanOnly = $true }
            $plan = $Output | Where-Object { $_ -is $Plan }

            $plan.AwsCredentialSource | Should -BeExactly "profile 'not-here'"
        }
    }

    Context 'bad input: a clear error, and nothing runs' {
        It 'refuses -SessionToken without -AwsCredential, in Test-FipsAmi''s words' {
            { Invoke-Tool $Name @{ SessionToken = $Token } } |
                Should -Throw -ExpectedMessage '-SessionToken needs -AwsCredential (the temporary access key id and secret access key).' -ErrorId "AwsConfigurationInvalid,*"
            Join-Path $LastDir 'record.json' | Should -Not -Exist
        }

        It 'refuses a credential without a secret' {
            $noSecret = [pscredential]::new($KeyId, [securestring]::new())
            { Invoke-Tool $Name @{ AwsCredential = $noSecret; SessionToken = $Token } } |
                Should -Throw -ExpectedMessage '-AwsCredential needs both an access key id (user name) and a secret access key (password).' -ErrorId "AwsConfigurationInvalid,*"
        }

        It 'refuses a token with a line break without echoing it' {
            $err = { Invoke-Tool $Name @{ AwsCredential = (New-TemporaryCredential); SessionToken = "$Token`n" } } | Should -Throw -ErrorId "AwsConfigurationInvalid,*" -PassThru
            $err.Exception.Message | Should -BeLike '-SessionToken is empty or holds spaces or control characters*'
            ($err | Out-String) + $err.Exception.Message + "$($err.TargetObject)" | Should -Not -BeLike '*CANARY*'
        }

        It 'refuses a profile the shared files do not have before the tool runs' {
            Use-SharedFiles
            $err = { Invoke-Tool $Name @{ ProfileName = 'sso-admn' } } | Should -Throw -ErrorId "AwsCredentialsNotFound,*" -PassThru
            $err.Exception.Message | Should -BeLike "The AWS profile 'sso-admn' was not found in the shared config or credentials files ($env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE). Nothing was run."
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            Join-Path $LastDir 'record.json' | Should -Not -Exist
        }

        It 'refuses a profile name with a control character' {
            { Invoke-Tool $Name @{ ProfileName = "ci`nAWS_ACCESS_KEY_ID=x"; PlanOnly = $true } } | Should -Throw -ExpectedMessage "*U+000A (LF)*" -ErrorId "AwsConfigurationInvalid,*"
        }
    }

    Context 'the token never appears anywhere' {
        It 'is in no stream, object, error record, log, journal or plan, even when the tool prints it' {
            $env:FAKEDKP_ECHO = '1'
            $env:FAKEDKP_ECHO_ENV = 'AWS_SESSION_TOKEN,AWS_SECRET_ACCESS_KEY'
            $env:FAKEKIB_ECHO_ENV = 'AWS_SESSION_TOKEN,AWS_SECRET_ACCESS_KEY'
            # A failed run too, for its error record (with the last lines the tool printed).
            $env:FAKEDKP_EXIT = '1'
            $env:FAKEKIB_EXIT = '1'
            $env:TF_BUILD = 'True'
            $credentials = @{ AwsCredential = (New-TemporaryCredential); SessionToken = $Token; Verbose = $true; Debug = $true; ErrorAction = 'Continue' }

            $failed = Invoke-Tool $Name $credentials
            $all = @($Output)
            Remove-Item env:FAKEDKP_EXIT, env:FAKEKIB_EXIT
            $succeeded = Invoke-Tool $Name $credentials
            $all += $Output
            $null = Invoke-Tool $Name ($credentials + @{ PlanOnly = $true })
            $all += $Output

            (Get-ToolEnvironment $succeeded).AWS_SESSION_TOKEN | Should -BeExactly $Token
            $errors = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            $errors | Should -Not -BeNullOrEmpty
            # The tool printed the token; the cmdlet shows it masked.
            ($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message.EndsWith('debug: AWS_SESSION_TOKEN=***') }) | Should -Not -BeNullOrEmpty
            $objects = $all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] -and $_ -isnot [Management.Automation.VerboseRecord] -and $_ -isnot [Management.Automation.DebugRecord] -and $_ -isnot [Management.Automation.InformationRecord] -and $_ -isnot [Management.Automation.WarningRecord] }
            $objects | Should -Not -BeNullOrEmpty
            $text = @(
                $all | ForEach-Object { $_ | Out-String -Width 500 }
                $objects | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
                $objects | ForEach-Object { $_ | Format-List * | Out-String -Width 500 }
                $objects | ForEach-Object { if ($_.PSObject.Methods['GetCommandLine']) { $_.GetCommandLine('bash'); $_.GetCommandLine('cmd') } }
                $objects | ForEach-Object { foreach ($step in @($_.Steps)) { if ($step) { $step.CommandLine; $step.GetCommandLine('bash') } } }
                # What the cmdlet puts in its error records (InvocationInfo is PowerShell's echo of the caller's own parameters).
                $errors | ForEach-Object { $_.Exception.Message; $_.Exception.InnerException.Message; $_.ErrorDetails; $_.CategoryInfo; $_.TargetObject | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue }
                Get-ChildItem $failed, $succeeded -File -Recurse | Where-Object Name -NE 'record.json' | Get-Content -Raw
            ) -join "`n"
            foreach ($canary in $Token, $Secret) {
                $at = $text.IndexOf($canary, [StringComparison]::Ordinal)
                if ($at -ge 0) { throw "A secret leaked: ...$($text.Substring([Math]::Max(0, $at - 200), 260))" }
            }
        }

        It 'is not in the -WhatIf text' {
            $run = switch ($Name) {
                'New-DkpFipsCluster' { "New-DkpFipsCluster -ClusterName aws-creds -KubernetesVersion 1.23 -AmiId $Ami -DkpPath '$Dkp'" }
                'Update-DkpFipsCluster' { "Update-DkpFipsCluster aws-creds -CurrentVersion v1.21.6+fips.0 -KubernetesVersion 1.22 -AmiId $Ami -NodePool aws-creds-md-0 -DkpPath '$Dkp' -WarningAction SilentlyContinue" }
                'New-FipsAmi' { "New-FipsAmi images/ami/rhel-84.yaml -KubernetesVersion 1.23 -Region us-west-2 -KibPath '$Kib' -WorkingDirectory '$TestDrive'" }
            }
            $r = Invoke-FreshPwsh "Import-Module '$ModuleManifest'; `$token = [Environment]::GetEnvironmentVariable('DKPFIPS_TEST_TOKEN'); $run -AwsCredential ([pscredential]::new('$KeyId', (ConvertTo-SecureString '$Secret' -AsPlainText -Force))) -SessionToken `$token -WhatIf -Verbose *>&1 | Out-String -Width 500" -Environment @{ DKPFIPS_TEST_TOKEN = $Token }

            $text = $r.Output -join "`n"
            $text | Should -BeLike '*What if: *'
            $text | Should -BeLike '*AWS credentials: -AwsCredential with a session token.*'
            $text.Contains($Token) | Should -BeFalse
            $text.Contains($Secret) | Should -BeFalse
        }
    }

    Context 'declared as on Test-FipsAmi' {
        It 'declares -<Parameter> as Test-FipsAmi does, never bound from the pipeline' -ForEach @(@{ Parameter = 'SessionToken' }, @{ Parameter = 'ProfileName' }) {
            $describe = {
                param($command)
                $p = (Get-Command $command).Parameters[$Parameter]
                $attributes = foreach ($attribute in $p.Attributes) {
                    $settings = $attribute.GetType().GetProperties() |
                        Where-Object { $_.Name -ne 'TypeId' -and ($_.PropertyType.IsValueType -or $_.PropertyType -in [string], [type], [string[]]) } |
                        Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.GetValue($attribute))" }
                    "$($attribute.GetType().Name)($($settings -join ';'))"
                }
                "$($p.ParameterType) $(($p.Aliases | Sort-Object) -join ',') $(($attributes | Sort-Object) -join ' ')"
            }

            & $describe $Name | Should -BeExactly (& $describe 'Test-FipsAmi')
            $meta = (Get-Command $Name).Parameters[$Parameter]
            $meta.ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Not -Contain $true
            $meta.ParameterSets.Values.ValueFromPipeline | Should -Not -Contain $true
        }
    }
}

Describe 'A batch whose rows carry their own -AwsCredential' {
    BeforeAll {
        $script:saved = @{}
        foreach ($variable in $AwsVariables) { $saved[$variable] = [Environment]::GetEnvironmentVariable($variable); Set-SessionVariable $variable $null }
    }

    AfterAll {
        Get-ChildItem env:FAKEDKP_* | ForEach-Object { Remove-Item "env:$($_.Name)" }
        foreach ($variable in $AwsVariables) { Set-SessionVariable $variable $saved[$variable] }
    }

    It 'refuses the row without a credential for -SessionToken, by name, and creates the others with the token' {
        $dir = New-TestDirectory
        $env:FAKEDKP_RECORD = Join-Path $dir '{cluster}.json'
        $env:FAKEDKP_RECORD_ENV = 'AWS_ACCESS_KEY_ID,AWS_SESSION_TOKEN'
        $rows = [pscustomobject]@{ ClusterName = 'no-credential' },
            [pscustomobject]@{ ClusterName = 'with-credential'; AwsCredential = (New-TemporaryCredential) }

        $results = $rows | New-DkpFipsCluster -KubernetesVersion 1.23 -AmiId $Ami -DkpPath $Dkp -SessionToken $Token -LogDirectory $dir -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AwsConfigurationInvalid,*'
        $errs[0].Exception.Message | Should -BeExactly "Cluster 'no-credential': -SessionToken needs -AwsCredential (the temporary access key id and secret access key)."
        $results.ClusterName | Should -Be 'with-credential'
        Join-Path $dir 'no-credential.json' | Should -Not -Exist
        (Read-Record (Join-Path $dir 'with-credential.json')).env.AWS_SESSION_TOKEN | Should -BeExactly $Token
    }
}

Describe 'A session token never rides in a spec file, a CSV row or a matrix' {
    BeforeAll {
        $script:Canary = 'CANARY-TOKEN-spec-5c2e91'
        $script:saved = @{}
        foreach ($variable in $AwsVariables) { $saved[$variable] = [Environment]::GetEnvironmentVariable($variable); Set-SessionVariable $variable $null }
    }

    AfterAll { foreach ($variable in $AwsVariables) { Set-SessionVariable $variable $saved[$variable] } }

    It 'refuses the spec file key <Key> like awsCredential, without echoing it' -ForEach @(@{ Key = 'sessionToken' }, @{ Key = 'SessionToken' }) {
        $path = Join-Path $TestDrive "spec-$Key.yaml"
        Set-Content -LiteralPath $path -Value "clusters:`n- name: a`n  amiId: ami-03dcaa75d45aca36f`n  ${Key}: $Canary`n"

        $out = Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ClusterSpecFileInvalid,*'
        $errs[0].Exception.Message | Should -BeLike "*(4,3): '$Key' cannot be in a cluster spec file: credentials never go in a spec file*"
        ($errs | Out-String) + $errs[0].Exception.Message | Should -Not -BeLike "*$Canary*"
    }

    It 'refuses profileName in a spec file: the profile is an option of the run' {
        $path = Join-Path $TestDrive 'spec-profile.yaml'
        Set-Content -LiteralPath $path -Value "defaults:`n  profileName: ci`nclusters:`n- name: a`n"

        Import-DkpFipsClusterSpec $path -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].Exception.Message | Should -BeLike "*(2,3): 'profileName' cannot be in a cluster spec file: the AWS profile is an option of the run*give -ProfileName to the cmdlet on the agent*"
    }

    It 'binds no SessionToken or ProfileName column of a CSV row: the token reaches neither dkp, a plan nor a matrix' {
        $row = [pscustomobject]@{ ClusterName = 'fips-a'; KubernetesVersion = '1.23'; AmiId = 'ami-03dcaa75d45aca36f'; SessionToken = $Canary; ProfileName = 'ci' }

        $plan = $row | New-DkpFipsCluster -PlanOnly -DkpPath dkp
        $matrix = $row | ConvertTo-DkpFipsPipelineMatrix

        $plan.AwsCredentialSource | Should -BeLike "this session's environment*"
        ($plan | Format-List * | Out-String) + $matrix.Json | Should -Not -BeLike "*$Canary*"
    }
}
