using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Doctor.Tests;

public sealed class When_doctor_checks_an_org
{
    private static readonly string[] Checks =
        ["login", "read conversations", "request budget", "notification channels", "queues", "queue topics", "wrap-up codes", "wrap-up call"];

    [Test]
    public async Task Should_pass_every_check_where_the_org_allows_what_the_worker_needs()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });

        var run = await DoctorRun.AgainstAsync(simulator, "--code", "QA_Review");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, string.Join('\n', run.Lines));
            Assert.That(Checks.Select(run.Verdict), Is.All.StartsWith("PASS"), string.Join('\n', run.Lines));
            Assert.That(run.Of("queues").Single(), Does.Contain($"{SeedData.DemoQueueName} ({SeedData.DemoQueueId}); ACW mandatory"));
            Assert.That(run.Of("wrap-up codes"), Has.Some.Contains($"QA_Review is QA_Review ({SeedData.QaReviewCodeId}), offered by every configured queue"));
            Assert.That(run.Of("wrap-up call").Single(), Does.Contain("communication-wrapup allowed; participant-patch allowed; the worker uses communication-wrapup"));
            Assert.That(run.Summary, Does.StartWith($"{run.GenesysCalls} Genesys calls; 0 failed, 0 warned"), "the calls it says it spent are the simulator's count");
        });
    }

    [Test]
    public async Task Should_touch_no_conversation_and_leave_its_probe_channel_empty()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });
        var inAcw = simulator.Control.CreateConversation(new() { QueueId = SeedData.DemoQueueId, AgentUserId = SeedData.AgentOneId });
        simulator.Control.AgentAnswers(inAcw.ConversationId);
        simulator.Control.CustomerEnds(inAcw.ConversationId);

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.Oracle.Wrapups, Is.Empty, "no code applied anywhere");
            Assert.That(run.Oracle.WrapupCalls.Select(c => c.ConversationId), Has.None.EqualTo(inAcw.ConversationId));
            Assert.That(run.Oracle.WrapupCalls, Has.Count.EqualTo(2), "one probe per wrap-up call");
            Assert.That(simulator.Control.GetConversation(inAcw.ConversationId).Participants.Where(p => p.Purpose == "agent").Select(p => p.WrapupCodeId), Is.All.Null);
            Assert.That(simulator.Control.Channels().Single().Topics, Is.Empty, "the probe channel's topics are removed");
        });
    }

    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject401, "401 authentication.required")]
    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject403, "403 not.authorized")]
    public async Task Should_advise_the_call_the_org_allows_when_it_refuses_the_preferred_one(CommunicationWrapupCredentialsBehaviour mode, string answer)
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = mode });

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, "the worker falls back, so it works");
            Assert.That(run.Verdict("wrap-up call"), Is.EqualTo("WARN"));
            Assert.That(run.Of("wrap-up call").Single(), Does.Contain($"communication-wrapup refused ({answer}").And.Contain("participant-patch allowed"));
            Assert.That(run.AdviceAfter("wrap-up call"), Does.Contain("Set WrapUp:PreferredCall to participant-patch"));
            Assert.That(run.Summary, Does.StartWith($"{run.GenesysCalls} Genesys calls;"), "a 401 costs a fresh login and a resend, counted too");
        });
    }

    [Test]
    public async Task Should_pass_when_the_preferred_call_is_the_one_the_org_allows()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());

        var run = await DoctorRun.AgainstAsync(simulator, "--WrapUp:PreferredCall", "participant-patch");

        Assert.That(run.Of("wrap-up call").Single(), Does.StartWith("PASS").And.Contain("the worker uses participant-patch"));
    }

    [Test]
    public async Task Should_fail_when_the_org_allows_neither_wrap_up_call()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Reject403,
            ParticipantPatchWrapupWithClientCredentials = ParticipantPatchWrapupCredentialsBehaviour.Reject403,
        });

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Verdict("wrap-up call"), Is.EqualTo("FAIL"));
            Assert.That(run.Summary, Does.Contain("1 failed"));
        });
    }

    [Test]
    public async Task Should_fail_a_queue_topic_the_client_may_not_subscribe()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            ForbiddenTopics = [new ForbiddenTopicRule { Pattern = @"v2\.routing\.queues\..*", MissingPermissions = ["routing:queue:observe"] }],
        });

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Of("queue topics").Single(),
                Does.StartWith("FAIL").And.Contain($"v2.routing.queues.{SeedData.DemoQueueId}.conversations refused").And.Contain("(missing routing:queue:observe)"));
        });
    }

    [Test]
    public async Task Should_fail_reads_and_topics_for_a_client_without_conversation_view()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            Clients = [new OAuthClientOptions { Permissions = ["routing:queue:view"] }],
        });

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Of("read conversations").Single(), Does.StartWith("FAIL").And.Contain("403 missing.permissions"));
            Assert.That(run.AdviceAfter("read conversations"), Does.Contain("Conversation > Communication > View"));
            Assert.That(run.Of("queue topics").Single(), Does.StartWith("FAIL").And.Contain("conversation:communication:view"));
        });
    }

    [Test]
    public async Task Should_fail_a_queue_id_the_org_does_not_have()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());
        var unknown = Guid.NewGuid().ToString();

        var run = await DoctorRun.AgainstAsync(simulator, "--WrapUp:QueueIds:0", unknown);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Of("queues").Single(), Is.EqualTo($"FAIL  queues                 no queue {unknown} in this org"));
            Assert.That(run.Of("queue topics"), Is.Empty, "no topic to probe for a queue that does not exist");
        });
    }

    [Test]
    public async Task Should_fail_an_unknown_code_and_warn_about_one_the_queue_does_not_offer()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());
        var elsewhere = simulator.Control.AddWrapupCode("Sale");

        var run = await DoctorRun.AgainstAsync(simulator, "--code", "Sale", "--code", "No_Such_Code");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Of("wrap-up codes"), Has.Some.EqualTo($"WARN  wrap-up codes          Sale is Sale ({elsewhere.Id}) but {SeedData.DemoQueueName} does not offer it"));
            Assert.That(run.Of("wrap-up codes"), Has.Some.EqualTo("FAIL  wrap-up codes          no wrap-up code named No_Such_Code"));
        });
    }

    [Test]
    public async Task Should_stop_at_a_refused_login_without_showing_the_secret()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());
        const string wrongSecret = "not-the-secret-4f2a";

        var run = await DoctorRun.AgainstAsync(simulator, "--Genesys:ClientSecret", wrongSecret);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Lines.Count(l => l[..4] is "PASS" or "WARN" or "FAIL"), Is.EqualTo(1), "nothing else can be checked");
            Assert.That(run.Of("login").Single(), Does.StartWith("FAIL  login  Genesys refused the login: 401"));
            Assert.That(run.AdviceAfter("login"), Does.Contain("Genesys:ClientSecret"));
            Assert.That(string.Join('\n', run.Lines), Does.Not.Contain(wrongSecret).And.Not.Contain(OAuthClientOptions.DemoClientSecret));
        });
    }

    [Test]
    public async Task Should_warn_when_the_client_already_holds_most_of_its_channels()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());
        await OtherApplication.OpensChannelsAsync(simulator, 17);

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.Of("notification channels").Single(), Does.StartWith("WARN").And.Contain("holds 17 of 20; the worker opens up to 5"));
            Assert.That(run.AdviceAfter("notification channels"), Does.Contain("an OAuth client of its own"));
            Assert.That(run.ExitCode, Is.Zero);
        });
    }

    [Test]
    public async Task Should_warn_when_the_budget_is_above_what_genesys_allows()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 200 });

        var run = await DoctorRun.AgainstAsync(simulator);

        Assert.Multiple(() =>
        {
            Assert.That(run.Of("request budget").Single(), Does.StartWith("WARN").And.Contain("Genesys allows 200 requests/min per token, below Genesys:RequestsPerMinute 240"));
            Assert.That(run.AdviceAfter("request budget"), Does.Contain("Set Genesys:RequestsPerMinute to 160"));
        });
    }

    [Test]
    public async Task Should_refuse_a_code_option_without_its_value()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions());

        var run = await DoctorRun.AgainstAsync(simulator, "--code");

        Assert.That((run.ExitCode, run.Lines.Single()), Is.EqualTo((2, "--code needs a wrap-up code name or id after it.")));
        Assert.That(run.GenesysCalls, Is.Zero);
    }
}
