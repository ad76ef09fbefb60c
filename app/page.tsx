import { CreateProjectForm } from "./_components/projects/create-project-form";
import { ExampleGallery } from "./_components/projects/example-gallery";
import { ProjectList } from "./_components/projects/project-list";

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <header className="mb-8">
        <p className="text-sm font-semibold text-indigo-600">Swarm Architect</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Projects</h1>
        <p className="mt-1 text-sm text-slate-600">
          Design a swarm of microcontroller nodes, then build, simulate, deploy and flash it from the browser.
        </p>
      </header>
      <div className="space-y-8">
        <CreateProjectForm />
        <ProjectList />
        <ExampleGallery />
      </div>
    </main>
  );
}
